package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The rewrite of this JDK's own {@code java.lang.Runtime} class file (the agent applies it). */
class RuntimeExitTransformerTest {
    @Test
    void exitAndHaltCallTheGuardFirstAndNothingElseChanges() throws IOException {
        byte[] original;
        try (InputStream in = Runtime.class.getResourceAsStream("Runtime.class")) {
            original = in.readAllBytes();
        }
        RuntimeExitTransformer transformer = new RuntimeExitTransformer();
        byte[] guarded = transformer.transform(null, "java/lang/Runtime", null, null, original);
        assertNotNull(guarded, String.valueOf(transformer.failure()));
        assertTrue(transformer.transformed());
        Map<String, List<String>> before = calls(original);
        Map<String, List<String>> after = calls(guarded);
        assertEquals(before.keySet(), after.keySet());
        for (String method : List.of("exit(I)V", "halt(I)V")) {
            List<String> calls = after.get(method);
            assertEquals(
                    List.of(
                            "java/lang/ClassLoader.getSystemClassLoader",
                            "java/lang/Class.forName",
                            "java/lang/Class.getField",
                            "java/lang/reflect/Field.get",
                            "java/util/function/ObjIntConsumer.accept"),
                    calls.subList(0, 5),
                    method);
            assertEquals(before.get(method), calls.subList(5, calls.size()), method);
        }
        after.keySet().stream()
                .filter(m -> !m.equals("exit(I)V") && !m.equals("halt(I)V"))
                .forEach(m -> assertEquals(before.get(m), after.get(m), m));
    }

    @Test
    void otherClassesAreLeftAlone() {
        assertNull(
                new RuntimeExitTransformer().transform(null, "java/lang/System", null, null, null));
    }

    /** Returns, per method, the methods it calls in order. */
    private static Map<String, List<String>> calls(byte[] classFile) {
        Map<String, List<String>> calls = new LinkedHashMap<>();
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String desc, String s, String[] e) {
                                List<String> called = new ArrayList<>();
                                calls.put(name + desc, called);
                                return new MethodVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visitMethodInsn(
                                            int op, String owner, String n, String d, boolean i) {
                                        called.add(owner + "." + n);
                                    }
                                };
                            }
                        },
                        0);
        return calls;
    }
}
