package io.selene.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.selene.vision.models.Model;
import io.selene.vision.models.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void reportsEveryMissingModelWithTheFetchCommand() throws IOException {
        Files.createDirectories(dir.resolve("faceplugin"));
        Files.write(dir.resolve("faceplugin/fr_detect.onnx"), new byte[] {1});
        ModelDirectory models = new ModelDirectory(dir);

        assertThat(models.missing()).hasSize(Model.values().length - 1).doesNotContain(Model.DETECT);
        assertThatThrownBy(models::requireAll)
                .hasMessageContaining("fr_feature.onnx")
                .hasMessageContaining("bin/fetch-models");
    }

    @Test
    void findsTheFetchedModelsWhenTheScriptHasRun() {
        // bin/fetch-models puts them in var/models of the repository unless SELENE_MODELS_DIR says otherwise.
        String configured = System.getenv("SELENE_MODELS_DIR");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "var", "models");
        ModelDirectory models = new ModelDirectory(root);

        assertThat(models.missing()).as("run bin/fetch-models before the tests").isEmpty();
        assertThat(models.path(Model.FEATURE)).isRegularFile();
    }
}
