package io.selene.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * A service depends only on the libraries, never on another service: they talk over HTTP and no
 * service reads another's data. Checked on the compiled classes and on the Maven modules.
 */
class ModuleBoundariesTest {

    private static final List<String> SERVICE_PACKAGES = List.of("api", "accounts", "handlers", "faces", "events",
            "imagestore", "matcher", "tasks", "sender", "licenses", "liveness", "backport", "admin", "configurator");
    private static final Set<String> LIBRARIES = Set.of("platform-commons", "vision-engine", "platform-test-support");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.selene");

    @Test
    void noServiceUsesAnotherServicesClasses() {
        for (String service : SERVICE_PACKAGES) {
            String[] others = SERVICE_PACKAGES.stream().filter(s -> !s.equals(service))
                    .map(s -> "io.selene." + s + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.selene." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk over HTTP only")
                    .check(classes);
        }
    }

    @Test
    void librariesKnowNoService() {
        String[] services = SERVICE_PACKAGES.stream().map(s -> "io.selene." + s + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage("io.selene.commons..", "io.selene.vision..")
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .check(classes);
        noClasses().that().resideInAPackage("io.selene.vision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                        "io.selene.commons..")
                .because("the vision engine knows nothing of HTTP or databases")
                .check(classes);
    }

    /**
     * Inside every module, packages depend on each other one way only: shared values live below the
     * features that use them, so a feature can be read (and changed) without the ones above it.
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.selene.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void serviceModulesDependOnLibrariesOnly() throws IOException {
        Path root = Path.of("..");
        List<String> serviceModules;
        try (var dirs = Files.list(root)) {
            serviceModules = dirs.filter(dir -> dir.getFileName().toString().endsWith("-service"))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
        assertThat(serviceModules).hasSize(14);
        Pattern seleneDependency = Pattern.compile(
                "<groupId>io\\.selene</groupId>\\s*<artifactId>([^<]+)</artifactId>");
        List<String> violations = new ArrayList<>();
        for (String module : serviceModules) {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            String dependencies = pom.substring(pom.indexOf("<dependencies>"));
            Matcher matcher = seleneDependency.matcher(dependencies);
            while (matcher.find()) {
                if (!LIBRARIES.contains(matcher.group(1))) {
                    violations.add(module + " -> " + matcher.group(1));
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
