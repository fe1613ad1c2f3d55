package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.Context;

/**
 * A context between one render and the shared global context. jinjava records every resolved name
 * in each ancestor context; stopping that here keeps the global context unchanged, so renders need
 * neither jinjava's per-render copy of it (which costs most of a render's time) nor any locking.
 */
final class IsolatedContext extends Context {
    private static final long serialVersionUID = 1L;

    IsolatedContext(Context global) {
        super(global);
    }

    @Override
    public void addResolvedExpression(String expression) {}

    @Override
    public void addResolvedFunction(String function) {}

    @Override
    public void addResolvedValue(String value) {}
}
