/**
 * Numeric gradient checking, public so that users can debug their own networks:
 * {@link dev.neurite.check.GradientCheck} compares every analytic gradient with a central difference.
 *
 * <p>Left out: second derivatives, checks of input gradients.
 */
package dev.neurite.check;
