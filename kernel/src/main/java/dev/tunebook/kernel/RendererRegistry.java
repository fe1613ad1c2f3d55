package dev.tunebook.kernel;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps value types to {@link Renderer}s. The renderer of the most specific registered type wins:
 * the value's class, then its superclasses, then its interfaces breadth-first. Values without a
 * renderer get {@code text/plain} from {@link String#valueOf(Object)}.
 *
 * <p>Thread-safe.
 */
public final class RendererRegistry {
    private final Map<Class<?>, Renderer<Object>> renderers = new ConcurrentHashMap<>();

    /** Creates a registry with the built-in renderers (images, MIME bundles). */
    public RendererRegistry() {
        register(BufferedImage.class, image -> Display.render(Display.toPng(image)));
        register(
                byte[].class,
                bytes ->
                        isPng(bytes)
                                ? new MimeBundle()
                                        .text("<image/png, " + bytes.length + " bytes>")
                                        .png(bytes)
                                : MimeBundle.ofText("byte[" + bytes.length + "]"));
    }

    /** Registers {@code renderer} for {@code type} and its subtypes. */
    @SuppressWarnings("unchecked")
    public <T> void register(Class<T> type, Renderer<? super T> renderer) {
        renderers.put(type, (Renderer<Object>) renderer);
    }

    /** Returns the representations of {@code value}. */
    public MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.ofText("null");
        }
        Renderer<Object> renderer = find(value.getClass());
        MimeBundle bundle = renderer == null ? null : renderer.render(value);
        if (bundle == null) {
            bundle = new MimeBundle();
        }
        if (bundle.plainText() == null) {
            bundle.text(String.valueOf(value));
        }
        return bundle;
    }

    /** Returns true when a renderer other than the text fallback applies to {@code type}. */
    public boolean hasRenderer(Class<?> type) {
        return find(type) != null;
    }

    private Renderer<Object> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Renderer<Object> r = renderers.get(c);
            if (r != null) {
                return r;
            }
        }
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            queue.addAll(java.util.List.of(c.getInterfaces()));
        }
        while (!queue.isEmpty()) {
            Class<?> i = queue.poll();
            if (!seen.add(i)) {
                continue;
            }
            Renderer<Object> r = renderers.get(i);
            if (r != null) {
                return r;
            }
            queue.addAll(java.util.List.of(i.getInterfaces()));
        }
        return null;
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length > 8 && bytes[0] == (byte) 0x89 && bytes[1] == 'P' && bytes[2] == 'N';
    }
}
