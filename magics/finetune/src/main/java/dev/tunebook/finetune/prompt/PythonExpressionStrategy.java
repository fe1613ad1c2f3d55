package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.mode.DefaultExecutionMode;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * Prints {@code {{ value }}} as Jinja does, with Python's {@code str()}: {@code True}, {@code ['a',
 * 'b']}, {@code {'k': 1}}, {@code 1e-05}, where jinjava would print Java's forms.
 */
final class PythonExpressionStrategy implements ExpressionStrategy {
    private static final long serialVersionUID = 1L;

    /** The execution mode that installs this strategy in every render's context. */
    static final ExecutionMode MODE =
            new ExecutionMode() {
                @Override
                public void prepareContext(Context context) {
                    DefaultExecutionMode.instance().prepareContext(context);
                    context.setExpressionStrategy(new PythonExpressionStrategy());
                }
            };

    @Override
    public RenderedOutputNode interpretOutput(
            ExpressionToken token, JinjavaInterpreter interpreter) {
        Object value = interpreter.resolveELExpression(token.getExpr(), token.getLineNumber());
        return new RenderedOutputNode(PythonValues.str(value));
    }
}
