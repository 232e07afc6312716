package io.botfleet.e2e.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests do on the dashboard and read from it, in the words of the page (its
 * ids, labels and texts), so that a test reads as the steps an operator takes.
 */
final class DashboardPage {

    /** How long the page may take to show something that is on its way (a stream event, a swap). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final URI base;

    DashboardPage(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * Opens the page with no token in this tab (a fresh session). A page opened with a token first
     * checks it with the server and saves it again when the answer comes: the tab's storage is
     * cleared only once that check has answered (the login form or the signed-in header shows).
     */
    void openLoggedOut() {
        driver.get(base.resolve("/ui/").toString());
        await("the page settled", d -> !d.findElements(By.id("token")).isEmpty() || !text(By.id("who")).isEmpty());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(base.resolve("/ui/").toString());
        await("the login form", d -> !d.findElements(By.id("token")).isEmpty());
    }

    void submitToken(String token) {
        WebElement input = driver.findElement(By.id("token"));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    String loginError() {
        return await("a login error", d -> text(By.id("login-error")).isEmpty() ? null : text(By.id("login-error")));
    }

    /** Logs in and waits for the fleet table to be loaded. */
    void logIn(String token) {
        openLoggedOut();
        submitToken(token);
        awaitFleet();
    }

    void awaitFleet() {
        await("the fleet table", d -> "true".equals(attribute(By.id("fleet"), "data-loaded")));
    }

    void go(String hash) {
        driver.get(base.resolve("/ui/" + hash).toString());
    }

    /** The text of one cell of a bot's fleet row: state, strategy, symbol, position, ... */
    String fleetCell(String bot, String column) {
        return text(By.cssSelector("#fleet tr[data-bot='" + bot + "'] td[data-col='" + column + "']"));
    }

    boolean hasFleetRow(String bot) {
        return !driver.findElements(By.cssSelector("#fleet tr[data-bot='" + bot + "']")).isEmpty();
    }

    WebElement verbButton(String bot, String verb) {
        return driver.findElement(By.cssSelector("#fleet tr[data-bot='" + bot + "'] button[data-verb='" + verb + "']"));
    }

    /** Waits until the bot's fleet row shows this state; returns the row's verbs that are enabled. */
    List<String> awaitFleetState(String bot, String state) {
        await(bot + " shown " + state, d -> state.equals(fleetCell(bot, "state")));
        return driver.findElements(By.cssSelector("#fleet tr[data-bot='" + bot + "'] button[data-verb]")).stream()
                .filter(WebElement::isEnabled).map(b -> b.getAttribute("data-verb")).collect(Collectors.toList());
    }

    void openBot(String bot) {
        go("#/bots/" + bot);
        awaitLoaded();
    }

    void openStrategies() {
        go("#/strategies");
        awaitLoaded();
    }

    void openBacktests() {
        go("#/backtests");
        awaitLoaded();
    }

    void openNodes() {
        go("#/nodes");
        awaitLoaded();
    }

    /** The cell of node {@code node}'s row in the Nodes view, by column (0: the id, 1: the state, ...). */
    String nodeCell(String node, int column) {
        List<WebElement> cells = driver.findElements(By.cssSelector("#nodes tr[data-node='" + node + "'] td"));
        return cells.size() > column ? cells.get(column).getText().trim() : "";
    }

    /** Chooses an option of a select by its value. */
    void chooseOption(String selectId, String value) {
        new Select(driver.findElement(By.id(selectId))).selectByValue(value);
    }

    /** Ticks or unticks the checkbox of a group (by name) with this value. */
    void tick(String name, String value, boolean ticked) {
        WebElement box = await("the choice " + value, d -> {
            List<WebElement> found = d.findElements(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
            return found.isEmpty() ? null : found.get(0);
        });
        if (box.isSelected() != ticked) {
            box.click();
        }
    }

    void type(String inputId, String text) {
        WebElement input = driver.findElement(By.id(inputId));
        input.clear();
        input.sendKeys(text);
    }

    WebElement button(By by) {
        return await("the element " + by, d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void awaitLoaded() {
        await("the view loaded", d -> "true".equals(attribute(By.id("main"), "data-loaded")));
    }

    /** A fact of the bot view's status list (State, Strategy, Fills, ...). */
    String fact(String term) {
        return text(By.cssSelector("#bot-facts dd[data-fact='" + term + "']"));
    }

    /**
     * The cells of every row of a table of the bot view (fills, orders, events, history), read in
     * one script run: live tables are redrawn as events arrive, and a row read element by element
     * over WebDriver calls can be replaced halfway; inside one script the page cannot change.
     */
    @SuppressWarnings("unchecked")
    List<List<String>> tableRows(String tableId) {
        Object rows = ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll("
                + "arguments[0])).map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim()))",
                "#" + tableId + " tbody tr");
        return (List<List<String>>) rows;
    }

    String streamStatus() {
        return text(By.id("stream-status"));
    }

    void chooseSwapVersion(String version) {
        new Select(driver.findElement(By.id("swap-version"))).selectByValue(version);
    }

    WebElement button(String id) {
        return driver.findElement(By.id(id));
    }

    /** Clicks a button that opens the confirmation, and returns the confirmation's question. */
    String clickAndReadConfirmation(String buttonId) {
        button(buttonId).click();
        return await("the confirmation", d -> driver.findElement(By.id("confirm")).isDisplayed()
                ? text(By.id("confirm-text")) : null);
    }

    void cancel() {
        driver.findElement(By.cssSelector("#confirm button[value='cancel']")).click();
    }

    void confirm() {
        driver.findElement(By.id("confirm-ok")).click();
    }

    void chooseUpload(java.nio.file.Path jar) {
        driver.findElement(By.id("bundle-file")).sendKeys(jar.toAbsolutePath().toString());
        driver.findElement(By.id("upload")).click();
    }

    String uploadResult() {
        return await("the upload's outcome", d -> {
            String t = text(By.id("upload-result"));
            return t.startsWith("Refused:") || t.startsWith("Deployed") ? t : null;
        });
    }

    String text(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }

    String attribute(By by, String name) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0).getAttribute(name);
    }

    /** The page's visible text, for a failure message: what the operator would have seen. */
    private String shownText() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits for a condition of the page (a wait, not a timing assertion: the page has PATIENCE). */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "the page did not show " + what + "; at " + driver.getCurrentUrl()
                        + " it shows: " + shownText())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    T value = condition.apply(d);
                    return Boolean.FALSE.equals(value) ? null : value;
                });
    }
}
