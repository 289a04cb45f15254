/**
 * The {@code neurite} command: picocli subcommands over the core library. Usage errors and bad input
 * exit with status 2 and a one-line message (a stack trace only with {@code --debug}); files are
 * written whole or not at all.
 */
package dev.neurite.cli;
