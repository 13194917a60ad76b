package io.selene.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
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
        return missing(Arrays.asList(FaceModel.values()));
    }

    public List<FaceModel> missing(Collection<FaceModel> models) {
        return models.stream().filter(model -> !Files.isRegularFile(path(model))).toList();
    }

    /** Fails with a message naming the missing files and how to fetch them. */
    public ModelDirectory requireAll() {
        return require(Arrays.asList(FaceModel.values()));
    }

    /** Fails with a message naming those of {@code models} that are missing and how to fetch them. */
    public ModelDirectory require(Collection<FaceModel> models) {
        List<FaceModel> missing = missing(models);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Models missing under " + root + ": "
                    + missing.stream().map(FaceModel::fileName).toList()
                    + " — run bin/fetch-models (or set SELENE_MODELS_DIR)");
        }
        return this;
    }
}
