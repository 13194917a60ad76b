package io.selene.vision.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the model files are: {@code <root>/<folder>/<file>} unless a file of its own is named for a
 * model (an operator's other person detector). Never downloads anything: a missing model is reported
 * with the command that fetches it.
 */
public record ModelDirectory(Path root, Map<Model, Path> files) {

    public ModelDirectory {
        root = root.toAbsolutePath().normalize();
        files = Map.copyOf(files);
    }

    public ModelDirectory(Path root) {
        this(root, Map.of());
    }

    /** The same directory with {@code model} read from {@code file} instead. */
    public ModelDirectory with(Model model, Path file) {
        Map<Model, Path> named = new EnumMap<>(Model.class);
        named.putAll(files);
        named.put(model, file.toAbsolutePath().normalize());
        return new ModelDirectory(root, named);
    }

    public Path path(Model model) {
        return files.getOrDefault(model, root.resolve(model.relativePath()));
    }

    public boolean has(Model model) {
        return Files.isRegularFile(path(model));
    }

    public List<Model> missing() {
        return Arrays.stream(Model.values()).filter(model -> !has(model)).toList();
    }

    /** Fails with a message naming the missing files and how to fetch them. */
    public ModelDirectory requireAll() {
        List<Model> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Models missing under " + root + ": "
                    + missing.stream().map(Model::fileName).toList() + " — run "
                    + missing.stream().map(Model::fetchedBy).distinct().toList()
                    + " (or set SELENE_MODELS_DIR)");
        }
        return this;
    }

    /** Why a model cannot be used: missing, and how to fetch it. */
    public String missingReason(Model model) {
        return "model " + path(model) + " is missing (run " + model.fetchedBy() + ")";
    }
}
