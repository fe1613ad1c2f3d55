package dev.tunebook.finetune.eval;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-op thread count, read and set while nothing else runs on the engine (the
 * inference measurement prices a request on one thread). Other engines than PyTorch are left alone
 * and read as 0.
 */
final class EngineThreads {
    private EngineThreads() {}

    /** Returns the engine's intra-op threads, or 0 when it is not PyTorch. */
    static int get() {
        return isPyTorch() ? JniUtils.getNumThreads() : 0;
    }

    /** Sets the engine's intra-op threads (ignored below 1 or on another engine). */
    static void set(int threads) {
        if (threads >= 1 && isPyTorch()) {
            JniUtils.setNumThreads(threads);
        }
    }

    private static boolean isPyTorch() {
        return "PyTorch".equals(Engine.getInstance().getEngineName());
    }
}
