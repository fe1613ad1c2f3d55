package dev.tunebook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellParserTest {
    @Test
    void plainJavaIsOnePart() {
        ParsedCell cell = CellParser.parse("int x = 1;\nx * 2");
        assertEquals(List.of(new CellPart.Java("int x = 1;\nx * 2", 0)), cell.parts());
        assertNull(cell.helpName());
    }

    @Test
    void lineMagicsInterleaveWithJava() {
        String code = "%maven a:b:1\nint x = 1;\n%time x + 1\nx";
        List<CellPart> parts = CellParser.parse(code).parts();
        assertEquals(
                List.of(
                        new CellPart.Magic("maven", false, "a:b:1", null, 0),
                        new CellPart.Java("int x = 1;\n", 13),
                        new CellPart.Magic("time", false, "x + 1", null, 2),
                        new CellPart.Java("x", code.indexOf("\nx") + 1)),
                parts);
    }

    @Test
    void cellMagicTakesTheRestAsBody() {
        ParsedCell cell = CellParser.parse("\n%%time  warm \nint y = 2;\n%env\n");
        assertEquals(
                List.of(new CellPart.Magic("time", true, "warm", "int y = 2;\n%env\n", 1)),
                cell.parts());
    }

    @Test
    void cellMagicWithoutBody() {
        CellPart.Magic magic = (CellPart.Magic) CellParser.parse("%%html").parts().get(0);
        assertEquals("html", magic.name());
        assertEquals("", magic.body());
    }

    @Test
    void helpRequestsInEveryForm() {
        assertEquals("maven", CellParser.parse("maven?").helpName());
        assertEquals("%maven", CellParser.parse("%maven?").helpName());
        assertEquals("%%time", CellParser.parse("?%%time").helpName());
        assertEquals("Math.max", CellParser.parse("  Math.max??\n").helpName());
        assertNull(CellParser.parse("x ? 1 : 2").helpName());
    }

    @Test
    void modulusAndIndentedPercentAreJava() {
        assertTrue(CellParser.parse("int r = 7\n% 3;").parts().get(0) instanceof CellPart.Java);
        assertTrue(CellParser.parse("  %notmagic").parts().get(0) instanceof CellPart.Java);
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        List<CellPart> parts = CellParser.parse("%env\r\nint a = 1;").parts();
        assertEquals(new CellPart.Magic("env", false, "", null, 0), parts.get(0));
    }
}
