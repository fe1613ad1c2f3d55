package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of a network: named parameters and named child layers, like a PyTorch {@code nn.Module}.
 * Dotted paths of children and parameters are the Hugging Face names.
 *
 * <p>Instances are not thread-safe.
 */
public abstract class Layer {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();

    /** Declares a parameter of the given shape; its array is set when weights are loaded. */
    protected final void addParameter(String name, Shape shape) {
        parameters.put(name, newParameter(name));
        shapes.put(name, shape);
    }

    private static Parameter newParameter(String name) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    }

    /** Returns this layer's own parameter {@code name}. */
    public final Parameter parameter(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException(
                    "No parameter '" + name + "' in " + getClass().getSimpleName());
        }
        return parameter;
    }

    /** Returns whether this layer has its own parameter {@code name}. */
    public final boolean hasParameter(String name) {
        return parameters.containsKey(name);
    }

    /**
     * Sets the array of the parameter at dotted {@code path}, replacing any earlier one (DJL's
     * {@code Parameter} takes an array only once, so a fresh parameter takes its place). The old
     * array is not closed.
     */
    public final void assign(String path, NDArray array) {
        int dot = path.lastIndexOf('.');
        Layer owner = dot < 0 ? this : find(path.substring(0, dot));
        String name = path.substring(dot + 1);
        Parameter parameter = owner.parameter(name);
        if (parameter.isInitialized()) {
            parameter = newParameter(name);
            owner.parameters.put(name, parameter);
        }
        parameter.setArray(array);
    }

    /** Adds a child layer under {@code name} and returns it. */
    protected final <T extends Layer> T addChild(String name, T child) {
        children.put(name, child);
        return child;
    }

    /** Returns the child called {@code name}. */
    public final Layer child(String name) {
        Layer child = children.get(name);
        if (child == null) {
            throw new IllegalArgumentException(
                    "No layer '" + name + "' in " + getClass().getSimpleName());
        }
        return child;
    }

    /**
     * Switches this layer and its descendants between training mode (dropout active) and evaluation
     * mode.
     */
    public void setTraining(boolean training) {
        children.values().forEach(c -> c.setTraining(training));
    }

    /** Returns the descendant at a dotted {@code path} such as {@code "attention.self.query"}. */
    public final Layer find(String path) {
        Layer layer = this;
        for (String part : path.split("\\.")) {
            layer = layer.child(part);
        }
        return layer;
    }

    /** Returns the direct children in declaration order. */
    public final Map<String, Layer> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Replaces the child called {@code name}, for example a projection by a LoRA-wrapped one.
     *
     * @throws IllegalArgumentException if there is no such child, or the replacement is not a
     *     {@link Projection} where the original was one
     */
    public final void replaceChild(String name, Layer replacement) {
        Layer old = child(name);
        if (old instanceof Projection && !(replacement instanceof Projection)) {
            throw new IllegalArgumentException(name + " must be replaced by a Projection");
        }
        children.put(name, replacement);
    }

    /** Returns the descendant at {@code path} as a projection. */
    protected final Projection projection(String path) {
        return (Projection) find(path);
    }

    /** Returns every parameter of this layer and its descendants by dotted name. */
    public final Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        collect("", all, null);
        return all;
    }

    /** Returns the declared shape of every parameter by dotted name. */
    public final Map<String, Shape> parameterShapes() {
        Map<String, Shape> all = new LinkedHashMap<>();
        collect("", null, all);
        return all;
    }

    private void collect(String prefix, Map<String, Parameter> params, Map<String, Shape> shp) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (params != null) {
                params.put(prefix + e.getKey(), e.getValue());
            }
            if (shp != null) {
                shp.put(prefix + e.getKey(), shapes.get(e.getKey()));
            }
        }
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", params, shp);
        }
    }

    /** Returns the array of this layer's loaded parameter {@code name}. */
    protected final NDArray array(String name) {
        Parameter parameter = parameter(name);
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("Parameter " + name + " is not loaded");
        }
        return parameter.getArray();
    }
}
