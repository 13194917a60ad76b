package io.selene.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the model files are. Never downloads anything: a missing model is reported with the
 * command that fetches it.
 */
public record ModelDirectory(Path root) {

    public ModelDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path path(FaceModel model) {
        return root.resolve(FaceModel.PACKAGE_FOLDER).resolve(model.fileName());
    }

    public List<FaceModel> missing() {
        return Arrays.stream(FaceModel.values()).filter(model -> !Files.isRegularFile(path(model))).toList();
    }

    /** Fails with a message naming the missing files and how to fetch them. */
    public ModelDirectory requireAll() {
        List<FaceModel> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Models missing under " + root + ": "
                    + missing.stream().map(FaceModel::fileName).toList()
                    + " — run bin/fetch-models (or set SELENE_MODELS_DIR)");
        }
        return this;
    }
}
