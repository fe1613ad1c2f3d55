"""jupyter_kernel_test conformance suite for tunebook.

Usage: TUNEBOOK_KERNEL=NAME /usr/bin/python3 kernel_conformance.py
The kernelspec NAME must be findable (JUPYTER_PATH). Every sample attribute that
jupyter_kernel_test 0.4.5 supports is set, and a skipped test counts as a failure.
"""
import os
import sys
import unittest

import jupyter_kernel_test


class TunebookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("TUNEBOOK_KERNEL", "tunebook")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "String.valueO"},
        # Declarations earlier in the same cell, which has not run yet.
        {"text": 'var words = List.of("a"); wor', "matches": {"words"}},
        {"text": 'String s = "x";\ns.len', "matches": {"length()"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {}", "%lsmagic"]
    incomplete_code_samples = ["int y = ", "void g() {", "for (int i = 0; i < 3; i++) {"]
    invalid_code_samples = ["int z = )", "}"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"tune" + "book"', "result": "tunebook"},
        {"code": "Math.max(3, 9)", "result": "9"},
    ]

    code_display_data = [
        {"code": 'html("<b>bold</b>");', "mime": "text/html"},
        {"code": 'markdown("# title");', "mime": "text/markdown"},
        {"code": "%%html\n<b>bold</b>", "mime": "text/html"},
        {"code": "%%markdown\n# title", "mime": "text/markdown"},
    ]

    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max(1, 2)"

    code_clear_output = "clearOutput();"

    code_page_something = "%help lsmagic"


class NoSkipResult(unittest.TextTestResult):
    """Counts skips as failures: every sample attribute is set, so nothing may skip."""

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.failures.append((test, "skipped: %s" % reason))


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(TunebookKernelTests)
    runner = unittest.TextTestRunner(verbosity=2, resultclass=NoSkipResult)
    result = runner.run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)
