/**
 * The network: {@link dev.neurite.model.Network} (ordered layers; forward, backward, predict) and its
 * description {@link dev.neurite.model.Architecture}, which also parses the short text form used on
 * the command line, e.g. {@code "784-d0.2-1024relu-d0.5-10softmax"}; and its
 * {@link dev.neurite.model.OutputHead}, the one place that knows what the outputs mean (the final
 * activation, what a loss fuses, classifier or regression, the class rule).
 *
 * <p>Left out: graphs with branches or shared layers.
 */
package dev.neurite.model;
