"""Runs notebooks through Jupyter Notebook 6's web UI in headless Chromium and checks the page.

Usage: /usr/bin/python3 browser_checks.py BASE_URL TOKEN SCREENSHOT_DIR NOTEBOOK:LIMIT_S...
Needs Debian's python3-selenium, chromium and chromium-driver. For each notebook it opens the
page, waits for the tunebook kernel, clicks Cell -> Run All, waits until the kernel is idle and no
cell shows In [*], saves a full-page screenshot, and checks every code cell: no error output, one
training view per %%finetune cell, charts with a non-zero natural size, no table wider than its
output area. On the first notebook it also interrupts a busy loop with the toolbar button and
checks that the kernel kept its state. Every failure is printed as a FAIL line; the exit status
is 1 if there was one. Interrupt latency is printed, not asserted.
"""
import json
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

KERNEL = "tunebook"
POLL_S = 0.5
# Slack for borders and rounding when comparing a table's width with its output area's.
TABLE_SLACK_PX = 4
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, flush=True)


def wait_for(driver, what, limit_s, script):
    """Polls script (JavaScript returning a truthy value when done) until limit_s runs out."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(POLL_S)
    raise TimeoutError("%s: not done after %d s" % (what, limit_s))


KERNEL_IDLE = """
var nb = window.Jupyter && Jupyter.notebook;
return !!(nb && nb._fully_loaded && nb.kernel && nb.kernel.is_connected()
    && document.getElementById('kernel_indicator_icon').className === 'kernel_idle_icon');
"""

NO_CELL_RUNNING = """
return Jupyter.notebook.get_cells().every(function (c) {
  return c.cell_type !== 'code' || c.element.find('.input_prompt').text().indexOf('*') < 0;
});
"""

CELL_REPORT = """
function texts(root, selector) {
  return Array.from(root.querySelectorAll(selector)).map(function (e) { return e.innerText; });
}
return Jupyter.notebook.get_cells().map(function (cell, index) {
  if (cell.cell_type !== 'code') { return null; }
  var el = cell.element[0];
  var outputs = el.querySelector('.output');
  return {
    index: index,
    first_line: cell.get_text().split('\\n')[0],
    prompt: el.querySelector('.input_prompt').innerText.trim(),
    output_types: cell.output_area.outputs.map(function (o) { return o.output_type; }),
    errors: texts(outputs, '.output_error'),
    stderr: texts(outputs, '.output_stderr'),
    stdout: texts(outputs, '.output_stdout').join(''),
    training_views: outputs.querySelectorAll('.tunebook-training').length,
    loss_charts: outputs.querySelectorAll('img[alt^="loss of"]').length,
    images: Array.from(outputs.querySelectorAll('img')).map(function (img) {
      return {alt: img.alt, complete: img.complete, width: img.naturalWidth,
              height: img.naturalHeight};
    }),
    tables: Array.from(outputs.querySelectorAll('table')).map(function (t) {
      var area = t.closest('.output_subarea');
      return {table_width: t.scrollWidth, area_width: area.clientWidth,
              caption: (t.innerText || '').split('\\n')[0].slice(0, 60)};
    })
  };
}).filter(function (c) { return c !== null; });
"""


def screenshot(driver, path):
    """Saves the whole notebook: the page scrolls inside #site, so the viewport grows to fit."""
    height = driver.execute_script(
        "return $('#header').outerHeight(true) + $('#notebook').outerHeight(true) + 40;")
    height = min(int(height), 16000)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1400, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_script(
        "$('#site').height($(window).height() - $('#header').outerHeight(true));"
        "$('#site').scrollTop(0);")
    time.sleep(1)  # lets the page lay out at its new size before the capture; not a timing check
    driver.save_screenshot(path)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_script("$(window).trigger('resize');")
    print("     screenshot %s (%d px high)" % (path, height), flush=True)


def open_notebook(driver, base, token, name):
    driver.get("%s/notebooks/%s?token=%s" % (base, name, token))
    wait_for(driver, name + ": kernel ready", 180, KERNEL_IDLE)
    kernel = driver.execute_script("return Jupyter.notebook.kernel.name;")
    shown = driver.find_element(By.CSS_SELECTOR, "#kernel_indicator .kernel_indicator_name").text
    print("     %s: kernel %s (%s)" % (name, kernel, shown), flush=True)
    if kernel != KERNEL:
        fail("%s started kernel %r, not %r" % (name, kernel, KERNEL))


def run_all(driver, name, limit_s):
    """Clicks Cell -> Run All and waits until every cell ran and the kernel is idle."""
    driver.find_element(By.ID, "celllink").click()
    driver.find_element(By.CSS_SELECTOR, "#run_all_cells > a").click()
    start = time.monotonic()
    settled = 0
    deadline = start + limit_s
    while settled < 3:  # idle with no In [*] on three polls in a row
        if time.monotonic() > deadline:
            raise TimeoutError("%s: Run All not done after %d s" % (name, limit_s))
        time.sleep(POLL_S)
        idle = driver.execute_script(KERNEL_IDLE) and driver.execute_script(NO_CELL_RUNNING)
        settled = settled + 1 if idle else 0
    print("     %s: Run All took %.1f s" % (name, time.monotonic() - start), flush=True)


def check_cells(driver, name):
    cells = driver.execute_script(CELL_REPORT)
    for cell in cells:
        where = "%s cell %d (%s)" % (name, cell["index"], cell["first_line"])
        print("     %-70.70s %s outputs=%s" % (where, cell["prompt"], cell["output_types"]),
              flush=True)
        if not re.search(r"\[\d+\]", cell["prompt"]):
            fail("%s did not run: prompt %r" % (where, cell["prompt"]))
        for error in cell["errors"]:
            fail("%s shows an error output:\n%s" % (where, error))
        for text in cell["stderr"]:
            if "Exception" in text or "Error" in text:
                fail("%s printed an error on stderr:\n%s" % (where, text))
        if cell["first_line"].startswith("%%finetune"):
            if cell["training_views"] != 1 or cell["loss_charts"] != 1:
                fail("%s shows %d training views (.tunebook-training) and %d loss charts, "
                     "not one of each; outputs %s"
                     % (where, cell["training_views"], cell["loss_charts"],
                        cell["output_types"]))
        for image in cell["images"]:
            if not image["complete"] or image["width"] <= 0 or image["height"] <= 0:
                fail("%s has an image %r of natural size %dx%d" % (
                    where, image["alt"], image["width"], image["height"]))
        for table in cell["tables"]:
            if table["table_width"] > table["area_width"] + TABLE_SLACK_PX:
                fail("%s has a table (%s) %d px wide in an output area %d px wide" % (
                    where, table["caption"], table["table_width"], table["area_width"]))
    return cells


def execute_new_cell(driver, code):
    """Appends a code cell with code, runs it and returns its index."""
    return driver.execute_script("""
        var nb = Jupyter.notebook;
        var cell = nb.insert_cell_at_bottom('code');
        cell.set_text(arguments[0]);
        nb.select(nb.ncells() - 1);
        nb.scroll_to_bottom();
        cell.execute();
        return nb.ncells() - 1;""", code)


def cell_state(driver, index):
    return driver.execute_script("""
        var cell = Jupyter.notebook.get_cell(arguments[0]);
        return {prompt: cell.element.find('.input_prompt').text(),
                text: cell.element.find('.output').text(),
                types: cell.output_area.outputs.map(function (o) { return o.output_type; })};
        """, index)


def check_interrupt(driver, name, shots):
    """Interrupts a busy loop from the toolbar; then a cell reads a variable set before it."""
    index = execute_new_cell(driver, '{ System.out.println("looping"); while (true) {} }')
    wait_for(driver, name + ": loop running", 120,
             "return $(Jupyter.notebook.get_cell(%d).element).find('.output').text()"
             ".indexOf('looping') >= 0;" % index)
    button = driver.find_element(
        By.CSS_SELECTOR, 'button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]')
    start = time.monotonic()
    button.click()
    try:
        wait_for(driver, name + ": interrupted loop", 60,
                 "return Jupyter.notebook.get_cell(%d).element.find('.input_prompt').text()"
                 ".indexOf('*') < 0;" % index)
        print("     %s: the interrupt button stopped while (true) {} in %.2f s" % (
            name, time.monotonic() - start), flush=True)
    except TimeoutError as e:
        fail(str(e))
        return
    wait_for(driver, name + ": kernel idle after the interrupt", 60, KERNEL_IDLE)
    print("     interrupted cell: %s" % json.dumps(cell_state(driver, index)), flush=True)
    index = execute_new_cell(driver, 'System.out.println("answer is " + answer);')
    wait_for(driver, name + ": cell after the interrupt", 120,
             "return Jupyter.notebook.get_cell(%d).element.find('.input_prompt').text()"
             ".indexOf('*') < 0;" % index)
    state = cell_state(driver, index)
    if "answer is 42" not in state["text"]:
        fail("%s: after the interrupt, printing answer gave %r, not 'answer is 42'" % (
            name, state["text"]))
    screenshot(driver, shots + "/" + name.replace(".ipynb", "") + "-after-interrupt.png")


def close_notebook(driver):
    """Shuts the notebook's kernel down and leaves the page without the unsaved-changes prompt."""
    driver.execute_script("""
        window.onbeforeunload = null;
        $(window).off('beforeunload');
        Jupyter.notebook.session.delete();""")
    time.sleep(1)  # lets the delete request leave before the page goes; not a timing check


def main():
    base, token, shots = sys.argv[1:4]
    notebooks = [arg.rsplit(":", 1) for arg in sys.argv[4:]]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--disable-gpu"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        for number, (name, limit) in enumerate(notebooks):
            start = time.monotonic()
            open_notebook(driver, base, token, name)
            run_all(driver, name, int(limit))
            screenshot(driver, shots + "/" + name.replace(".ipynb", "") + ".png")
            check_cells(driver, name)
            if number == 0:
                check_interrupt(driver, name, shots)
            close_notebook(driver)
            print("     %s: %.1f s in the browser" % (name, time.monotonic() - start), flush=True)
    except Exception as e:  # report it with the checks so far; the IT fails on the exit status
        fail("%s: %s" % (type(e).__name__, e))
        try:
            driver.save_screenshot(shots + "/failure.png")
        except Exception:
            pass
    finally:
        driver.quit()
    print("%d failure(s)" % len(failures), flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
