package io.selene.commons.far;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;

class FarTablesTest {

    @Test
    void acceptsOnlyThePresets() {
        assertThat(FarTables.preset("far", 1e-3)).isEqualTo(1e-3);
        assertThat(FarTables.preset("far", 0.0001)).isEqualTo(1e-4);
        assertThat(FarTables.preset("far", new java.math.BigDecimal("1E-5"))).isEqualTo(1e-5);
        for (Object bad : new Object[] {0.01, 0.0, 2e-4, "1e-4", null}) {
            assertThatThrownBy(() -> FarTables.preset("candidates[0].far", bad))
                    .isInstanceOfSatisfying(LunaException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(12056);
                        assertThat(e.detail()).contains("candidates[0].far").contains("[0.001, 1.0E-4, 1.0E-5]");
                    });
        }
    }

    @Test
    void interpolatesLogFarBetweenRowsAndClampsToTheRange() {
        FarTable table = new FarTable(201, List.of(new FarTable.Row(0.0, 0.08, 1e-1), new FarTable.Row(0.2, 0.2, 1e-3),
                new FarTable.Row(0.4, 0.5, 1e-5)));
        assertThat(table.farAtCosine(0.1)).isCloseTo(1e-2, org.assertj.core.api.Assertions.withinPercentage(1e-6));
        assertThat(table.farAtCosine(0.9)).isEqualTo(1e-5);
        assertThat(table.farAtCosine(-0.5)).isEqualTo(1e-1);
        assertThat(table.cosineAt(1e-4)).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-9));
        assertThatThrownBy(() -> table.cosineAt(1e-6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FarTable.parse(201, (table.rowsCsv()).lines().toList()).rows()).hasSize(3);
    }

    @Test
    void fitFollowsTheUpperTail() {
        // upperQuantile is Q^-1: P(Z >= 1.6449) = 0.05
        assertThat(ImpostorModel.upperQuantile(0.05)).isCloseTo(1.6449, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(ImpostorModel.upperQuantile(1e-5)).isCloseTo(4.2649, org.assertj.core.api.Assertions.within(1e-3));
        ImpostorModel truth = new ImpostorModel(0.05, 1.0, 64);
        float[][] vectors = truth.sample(400, 7);
        double[] cosines = new double[vectors.length * (vectors.length - 1) / 2];
        int at = 0;
        for (int i = 0; i < vectors.length; i++) {
            for (int j = i + 1; j < vectors.length; j++) {
                double dot = 0;
                for (int k = 0; k < 64; k++) {
                    dot += vectors[i][k] * vectors[j][k];
                }
                cosines[at++] = truth.cosine(dot);
            }
        }
        ImpostorModel fitted = ImpostorModel.fit(cosines);
        assertThat(fitted.meanCosine()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(0.01));
        assertThat(fitted.scale() / Math.sqrt(fitted.dimensions())).isCloseTo(1.0 / 8, org.assertj.core.api.Assertions.within(0.01));
    }
}
