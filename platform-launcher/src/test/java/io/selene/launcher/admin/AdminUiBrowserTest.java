package io.selene.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.selene.launcher.PlatformLauncher;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin pages in a real browser: Debian's headless chromium driven through its chromium-driver, against
 * every service of the shared platform, through the gateway's {@code /admin/}. An admin logs in, creates an
 * account, finds it in the table, makes a token for it (which then works on {@code /6}), blocks and unblocks
 * the account (its token refused meanwhile), revokes the token, deletes
 * the account after confirming and sees 13 healthy services; a wrong password and a non-admin are refused in
 * words. Each page is saved as a PNG under {@code target/admin-ui/} for a person to look at.
 */
class AdminUiBrowserTest {

    private static final Path SHOTS = Path.of("target", "admin-ui");
    private static TestPlatform platform;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static String site;

    @BeforeAll
    static void start() throws IOException {
        platform = TestPlatform.shared();
        List<Class<?>> missing = PlatformLauncher.SERVICES.stream()
                .filter(service -> !platform.services().contains(PlatformLauncher.serviceName(service))).toList();
        if (!missing.isEmpty()) {
            platform.startMore(missing);
        }
        site = "http://127.0.0.1:" + platform.port("api-service") + "/admin";
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--no-first-run", "--password-store=basic");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminRunsTheAccountsFromTheBrowser() throws IOException {
        // a wrong password and a non-admin account: refused, in words
        logIn(platform.adminLogin(), "not-the-password");
        assertThat(message()).isEqualTo("Wrong login or password.");
        shot("login-wrong-password");
        TestPlatform.Account user = platform.newAccount();
        logIn(user.login(), user.password());
        assertThat(message()).contains("is not an admin");
        shot("login-not-admin");

        logIn(platform.adminLogin(), platform.adminPassword());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accounts")));
        assertThat(browser.getCurrentUrl()).isEqualTo(site + "/accounts");

        String login = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@admin-ui.test";
        browser.findElement(By.id("new-login")).sendKeys(login);
        browser.findElement(By.id("new-password")).sendKeys("a-long-password");
        browser.findElement(By.id("new-description")).sendKeys("made in a browser");
        browser.findElement(By.cssSelector("#create-account button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-login"), login));
        assertThat(message()).isEqualTo("Account " + login + " created.");
        String accountId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        browser.get(site + "/accounts?q=" + login.substring(0, 16));
        List<WebElement> rows = browser.findElements(By.cssSelector("#accounts tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(login, "user", "made in a browser");
        shot("accounts");

        rows.get(0).findElement(By.linkText(login)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-token")));
        browser.findElement(By.id("token-description")).sendKeys("from the admin page");
        browser.findElement(By.cssSelector("#create-token button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        String shown = message();
        assertThat(shown).startsWith("Token created.");
        String jwt = shown.substring(shown.lastIndexOf(' ') + 1);
        assertThat(platform.api().with("Authorization", "Bearer " + jwt).get("/6/accounts/" + accountId).status())
                .as("the token works on the API").isEqualTo(200);
        List<WebElement> tokens = browser.findElements(By.cssSelector("#tokens tbody tr[data-token-id]"));
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).getText()).contains("from the admin page");
        shot("account-detail");

        browser.findElement(By.cssSelector("#block-account button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-state"), "blocked"));
        assertThat(platform.api().with("Authorization", "Bearer " + jwt).get("/6/accounts/" + accountId).status())
                .as("a blocked account's token").isEqualTo(403);
        browser.findElement(By.cssSelector("#block-account button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-state"), "active"));

        tokens = browser.findElements(By.cssSelector("#tokens tbody tr[data-token-id]"));
        tokens.get(0).findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textMatches(By.id("message"), java.util.regex.Pattern.compile("revoked")));
        assertThat(browser.findElements(By.cssSelector("#tokens tbody tr[data-token-id]"))).isEmpty();
        assertThat(platform.api().with("Authorization", "Bearer " + jwt).get("/6/accounts/" + accountId).status())
                .as("the revoked token").isEqualTo(401);

        browser.findElement(By.id("delete-account")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-delete")));
        shot("delete-confirmation");
        browser.findElement(By.cssSelector("#confirm-delete button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tasks")));
        assertThat(message()).startsWith("Account " + login + " is blocked and being erased by task ");
        String erasure = message().replaceAll("\\D+$", "").replaceAll("^.*\\D", "");
        awaitTaskDone(erasure);
        shot("erasure-task");
        assertThat(platform.admin().get("/6/accounts/" + accountId).status()).isEqualTo(404);
        browser.get(site + "/accounts?q=" + login);
        assertThat(browser.findElement(By.cssSelector("#accounts tbody")).getText()).isEqualTo("No account matches.");

        browser.get(site + "/system");
        assertThat(browser.findElement(By.id("health-summary")).getText()).isEqualTo("14 of 14 services healthy");
        assertThat(browser.findElements(By.cssSelector("#services tbody tr.healthy"))).hasSize(14);
        assertThat(browser.findElements(By.cssSelector("#requests tbody tr")).stream().map(WebElement::getText))
                .as("the admin pages' own routes were called").anyMatch(row -> row.startsWith("admin-service GET:/accounts "));
        shot("system");

        // A maintenance task started from an account's page shows on the tasks page until it is done.
        browser.get(site + "/accounts/" + user.id());
        WebElement days = browser.findElement(By.id("gc-days"));
        days.clear();
        days.sendKeys("3650");
        browser.findElement(By.cssSelector("#gc-events button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tasks")));
        assertThat(message()).startsWith("Events older than 3650 days are being deleted by task ");
        WebElement row = awaitTaskDone(message().replaceAll("\\D+$", "").replaceAll("^.*\\D", ""));
        assertThat(row.getText()).contains("gc", user.id().toString(), "100%");
        shot("tasks");

        browser.get(site + "/accounts/" + UUID.randomUUID());
        assertThat(browser.findElement(By.id("error-detail")).getText()).contains("not found");
        shot("error-page");
    }

    @Test
    void thePagesAreAlsoServedByAdminServiceItself() {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + platform.port("admin-service") + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        assertThat(browser.getCurrentUrl()).endsWith(platform.port("admin-service") + "/login");
    }

    private static void logIn(String login, String password) {
        browser.manage().deleteAllCookies();
        browser.get(site + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(driver -> !driver.findElements(By.id("message")).isEmpty()
                || !driver.findElements(By.id("accounts")).isEmpty());
    }

    /** Reloads the tasks page until the task's row says done; answers the row. */
    private static WebElement awaitTaskDone(String taskId) {
        By row = By.cssSelector("#tasks tr[data-task-id='" + taskId + "']");
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(driver -> {
            List<WebElement> found = driver.findElements(row);
            if (!found.isEmpty() && found.get(0).getText().contains("done")) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
        return browser.findElement(row);
    }

    private static String message() {
        return browser.findElement(By.id("message")).getText();
    }

    /** The whole page: the window is made as tall as the page for the shot. */
    private static void shot(String name) throws IOException {
        Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, Math.max(800, ((Number) height).intValue() + 200)));
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }
}
