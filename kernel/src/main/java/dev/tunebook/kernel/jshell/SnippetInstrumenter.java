package dev.tunebook.kernel.jshell;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a snippet class's bytecode so that the kernel keeps control of it: a call to {@link
 * StopCheck#check()} at every method entry and before every backward branch (so an interrupt stops
 * {@code while (true) {}} without {@code Thread.stop}), and calls of {@code System.exit}, {@code
 * Runtime.exit} and {@code Runtime.halt} (also as method references) redirected to {@link
 * ExitGuard}, which throws.
 *
 * <p>The inserted calls take no operands and leave the stack as it was, so stack map frames stay
 * valid and only the maximums are recomputed. Stateless and thread-safe.
 */
final class SnippetInstrumenter {
    private static final String STOP_OWNER = Type.getInternalName(StopCheck.class);
    private static final String EXIT_OWNER = Type.getInternalName(ExitGuard.class);

    private SnippetInstrumenter() {}

    /** Returns the instrumented class file. */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String desc, String sig, String[] ex) {
                        MethodVisitor next = super.visitMethod(access, name, desc, sig, ex);
                        return next == null ? null : new MethodRewriter(next);
                    }
                },
                0);
        return writer.toByteArray();
    }

    private static final class MethodRewriter extends MethodVisitor {
        private final Set<Label> seenLabels = new HashSet<>();

        MethodRewriter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seenLabels.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seenLabels.contains(label)) {
                stopCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            stopCheck();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            stopCheck();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMethodInsn(
                int opcode, String owner, String name, String desc, boolean isInterface) {
            String guard = exitGuard(opcode, owner, name, desc);
            if (guard == null) {
                super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            } else {
                String guardDesc =
                        opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V";
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_OWNER, guard, guardDesc, false);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(
                String name, String desc, Handle bootstrap, Object... bootstrapArgs) {
            Object[] args = bootstrapArgs.clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Handle handle) {
                    args[i] = guardedHandle(handle);
                }
            }
            super.visitInvokeDynamicInsn(name, desc, bootstrap, args);
        }

        /** Returns a handle to the guard for method references such as {@code System::exit}. */
        private static Handle guardedHandle(Handle handle) {
            int opcode =
                    switch (handle.getTag()) {
                        case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                        case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
                        default -> -1;
                    };
            String guard = exitGuard(opcode, handle.getOwner(), handle.getName(), handle.getDesc());
            if (guard == null) {
                return handle;
            }
            String desc = opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V";
            return new Handle(Opcodes.H_INVOKESTATIC, EXIT_OWNER, guard, desc, false);
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_OWNER, "check", "()V", false);
        }

        private static String exitGuard(int opcode, String owner, String name, String desc) {
            if (!"(I)V".equals(desc)) {
                return null;
            }
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")) {
                return name.equals("exit") ? "systemExit" : null;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")) {
                return name.equals("exit")
                        ? "runtimeExit"
                        : name.equals("halt") ? "runtimeHalt" : null;
            }
            return null;
        }
    }
}
