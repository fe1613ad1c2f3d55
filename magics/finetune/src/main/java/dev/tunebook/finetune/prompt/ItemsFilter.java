package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code d|items}: Jinja's filter for a mapping's {@code (key, value)} pairs, in order. */
final class ItemsFilter implements Filter {

    @Override
    public String getName() {
        return "items";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        if (!(var instanceof Map<?, ?> map)) {
            return List.of();
        }
        return new ArrayList<>(map.entrySet());
    }
}
