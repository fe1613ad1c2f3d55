package dev.tunebook.finetune;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ServiceLoader;

/** The tokens entered on each thread, innermost first, and the host's ambient token. */
final class CurrentCancellation {
    private static final ThreadLocal<Deque<Cancellation>> ENTERED =
            ThreadLocal.withInitial(ArrayDeque::new);

    private CurrentCancellation() {}

    /** Holds the host's token, looked up on first use. */
    private static final class Ambient {
        static final Cancellation TOKEN =
                ServiceLoader.load(Cancellation.class, Cancellation.class.getClassLoader())
                        .findFirst()
                        .orElse(Cancellation.NONE);
    }

    static Cancellation ambient() {
        return Ambient.TOKEN;
    }

    static Cancellation get() {
        Cancellation innermost = ENTERED.get().peek();
        return innermost == null ? ambient() : innermost;
    }

    static Cancellation.Scope enter(Cancellation token) {
        Deque<Cancellation> entered = ENTERED.get();
        entered.push(token);
        Cancellation.Scope cooperation = token.cooperate();
        return () -> {
            try {
                cooperation.close();
            } finally {
                entered.removeFirstOccurrence(token);
            }
        };
    }
}
