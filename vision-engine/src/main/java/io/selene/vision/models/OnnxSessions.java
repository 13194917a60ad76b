package io.selene.vision.models;

import java.nio.file.Path;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The one way Selene opens an ONNX model, face and body alike: one intra-op and one inter-op thread,
 * sequential execution and no spinning (vision pitfall 9: parallelism comes from the callers' pool),
 * every graph optimisation, errors only in the log.
 */
public final class OnnxSessions {

    private OnnxSessions() {
    }

    /** ONNX Runtime's environment (one per JVM). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "selene-vision");
    }

    public static OrtSession open(Path model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment().createSession(model.toString(), options);
        }
    }
}
