package dev.tunebook.kernel.jshell;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.ObjIntConsumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Puts a call of {@link KernelExit#GUARD} at the start of {@code java.lang.Runtime.exit(int)} and
 * {@code halt(int)}, the two methods every Java route to ending the JVM passes ({@code System.exit}
 * calls {@code Runtime.exit}; reflection and method handles reach the same methods). A signal
 * (SIGTERM) and the last thread ending shut the JVM down without them, so those still work.
 *
 * <p>The inserted code uses java.base types only: it finds the guard by reflection through the
 * system class loader (java.base does not read the class path's unnamed module, and core reflection
 * does not need it to). It adds no branch, so stack map frames stay valid.
 *
 * <p>Thread-safe.
 */
final class RuntimeExitTransformer implements ClassFileTransformer {
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String CONSUMER = Type.getInternalName(ObjIntConsumer.class);

    private volatile boolean transformed;
    private volatile Throwable failure;

    @Override
    public byte[] transform(
            ClassLoader loader,
            String className,
            Class<?> redefined,
            ProtectionDomain domain,
            byte[] classFile) {
        if (!RUNTIME.equals(className)) {
            return null;
        }
        try {
            byte[] guarded = guard(classFile);
            transformed = true;
            return guarded;
        } catch (RuntimeException | Error e) {
            // The JVM ignores what a transformer throws; the agent reports it.
            failure = e;
            return null;
        }
    }

    /** Returns true once {@code Runtime} was rewritten. */
    boolean transformed() {
        return transformed;
    }

    /** Returns why rewriting {@code Runtime} failed, or null. */
    Throwable failure() {
        return failure;
    }

    /** Returns {@code Runtime}'s class file with the guard at the start of exit and halt. */
    static byte[] guard(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String desc, String sig, String[] ex) {
                        MethodVisitor next = super.visitMethod(access, name, desc, sig, ex);
                        boolean exit = name.equals("exit") || name.equals("halt");
                        return exit && desc.equals("(I)V") && (access & Opcodes.ACC_STATIC) == 0
                                ? new GuardCall(next, "Runtime." + name)
                                : next;
                    }
                },
                0);
        return writer.toByteArray();
    }

    /** Emits {@code ((ObjIntConsumer) Class.forName(...).getField("GUARD").get(null)).accept}. */
    private static final class GuardCall extends MethodVisitor {
        private final String method;

        GuardCall(MethodVisitor next, String method) {
            super(Opcodes.ASM9, next);
            this.method = method;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            visitLdcInsn(KernelExit.class.getName());
            visitInsn(Opcodes.ICONST_1);
            visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "java/lang/ClassLoader",
                    "getSystemClassLoader",
                    "()Ljava/lang/ClassLoader;",
                    false);
            visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "java/lang/Class",
                    "forName",
                    "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;",
                    false);
            visitLdcInsn("GUARD");
            visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL,
                    "java/lang/Class",
                    "getField",
                    "(Ljava/lang/String;)Ljava/lang/reflect/Field;",
                    false);
            visitInsn(Opcodes.ACONST_NULL);
            visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL,
                    "java/lang/reflect/Field",
                    "get",
                    "(Ljava/lang/Object;)Ljava/lang/Object;",
                    false);
            visitTypeInsn(Opcodes.CHECKCAST, CONSUMER);
            visitLdcInsn(method);
            visitVarInsn(Opcodes.ILOAD, 1);
            visitMethodInsn(
                    Opcodes.INVOKEINTERFACE, CONSUMER, "accept", "(Ljava/lang/Object;I)V", true);
        }
    }
}
