/**
 * Model files: {@link dev.neurite.io.ModelFile} saves and loads a network with everything needed to
 * use it (architecture, loss, normalisation, class names, provenance) in the safetensors layout, so
 * standard tools read Neurite models. Loading executes nothing, never uses Java serialization, and
 * validates every byte it trusts. The format is specified in {@code docs/model-format.md}.
 *
 * <p>Left out: other dtypes than F32, optimizer state (checkpoints are separate).
 */
package dev.neurite.io;
