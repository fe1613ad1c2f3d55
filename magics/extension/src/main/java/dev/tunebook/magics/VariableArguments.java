package dev.tunebook.magics;

import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets a magic's arguments name notebook variables: {@code {name}} on the magic's first line is
 * replaced by the value of variable {@code name} when one is defined (and left as written
 * otherwise), so that {@code %%finetune --epochs {epochs}} follows a setting computed in Java. The
 * body of a cell magic is passed unchanged ({@code %%prompt} uses {@code {column}} itself).
 */
final class VariableArguments implements Magic {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_$][\\w$]*)\\}");
    private final Magic magic;

    private VariableArguments(Magic magic) {
        this.magic = magic;
    }

    /** Returns {@code spec} with variables in its arguments replaced before it runs. */
    static MagicSpec wrap(MagicSpec spec) {
        return new MagicSpec(
                spec.name(), spec.kind(), spec.usage(), new VariableArguments(spec.magic()));
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        return magic.run(expand(args, context), body, context);
    }

    /**
     * Returns {@code args} with each {@code {name}} of a defined variable replaced by its value.
     */
    static String expand(String args, MagicContext context) {
        if (args == null || args.indexOf('{') < 0) {
            return args;
        }
        Matcher m = VARIABLE.matcher(args);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = context.lookup(m.group(1));
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
