/**
 * The two seed articles' networks, reproduced as recipes on the public API:
 * {@link dev.neurite.seeds.XorSeed}, the first seed's 3-4-1 sigmoid network learning XOR.
 *
 * <p>Left out: everything the seeds do not do; these recipes exist so that their results can be
 * checked, not as the way to use Neurite.
 */
package dev.neurite.seeds;
