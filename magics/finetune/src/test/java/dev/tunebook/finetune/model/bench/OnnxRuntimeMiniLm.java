package dev.tunebook.finetune.model.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/** The reference runtime for the benchmark: all-MiniLM-L6-v2's ONNX file on ONNX Runtime. */
final class OnnxRuntimeMiniLm implements AutoCloseable {
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OnnxRuntimeMiniLm() throws IOException, OrtException {
        byte[] model;
        try (InputStream in =
                OnnxRuntimeMiniLm.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            if (in == null) {
                throw new IOException("all-minilm-l6-v2.onnx is not on the classpath");
            }
            model = in.readAllBytes();
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
        session = environment.createSession(model, options);
    }

    /** Runs one batch of {@code ids [batch, length]} with an all-ones mask. */
    void run(long[] ids, int batch, int length) throws OrtException {
        long[] shape = {batch, length};
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor mask =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape);
                OnnxTensor types =
                        OnnxTensor.createTensor(
                                environment, LongBuffer.wrap(new long[ids.length]), shape)) {
            inputs.put("input_ids", input);
            inputs.put("attention_mask", mask);
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                result.get(0).getValue();
            }
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
