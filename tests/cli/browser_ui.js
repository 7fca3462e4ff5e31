// browser_ui.js URL CHECKOUT SHOTS PASSWORD - the web UI in Debian's chromium, driven by
// playwright-core (t1150): log in, search, open a person, edit with a refused value and then
// a good one, at desktop and phone width; a screenshot of each step goes to SHOTS.
"use strict";
const path = require("path");
const [url, checkout, shots, password] = process.argv.slice(2);
const { check, withPage, logout, main } = require("./browser_lib");

function run(width, height, label) {
  return withPage(checkout, { viewport: { width, height } }, label, async (page) => {
    await page.goto(url + "/");
    await page.getByLabel("用户名").fill("jining");
    await page.getByLabel("密码").fill("Wrong-password-1");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("用户名或密码错误").waitFor();
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "查找人员" }).waitFor();
    await page.screenshot({ path: path.join(shots, label + "-1-search.png"), fullPage: true });
    await page.getByLabel("姓名或证件号码").fill("王强");
    await page.getByRole("button", { name: "查找" }).click();
    // The first page already lists 王强 among others: wait for the search's own answer.
    await page.waitForFunction(() => document.querySelectorAll("#results tbody tr").length === 1);
    const rows = await page.locator("#results tbody tr").count();
    check(rows === 1, label + ": one result, got " + rows);
    const listed = await page.locator("#results tbody").innerText();
    check(listed.includes("370811********0033"), label + ": masked ID listed: " + listed);
    await page.getByRole("link", { name: "王强" }).click();
    await page.getByRole("heading", { name: /王强/ }).waitFor();
    const basic = await page.locator("#person-basic").innerText();
    check(basic.includes("139****5678") && basic.includes("山东省 / 济宁市 / 任城区"), label + ": person: " + basic);
    await page.screenshot({ path: path.join(shots, label + "-2-person.png"), fullPage: true });
    await page.getByLabel("就业状态").fill("当官");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText(/不是可选的取值/).waitFor();
    await page.screenshot({ path: path.join(shots, label + "-3-refused.png"), fullPage: true });
    await page.getByLabel("就业状态").fill(label === "desktop" ? "未就业" : "已就业");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存").waitFor();
    const four = await page.locator("#person-four").innerText();
    check(four.includes(label === "desktop" ? "未就业" : "已就业"), label + ": saved: " + four);
    await page.getByRole("button", { name: /显示完整证件号码/ }).click();
    await page.getByRole("heading", { name: /370811200002290033/ }).waitFor();
    await page.screenshot({ path: path.join(shots, label + "-4-saved.png"), fullPage: true });
    await logout(page);
  });
}

main(async () => {
  await run(1280, 800, "desktop");
  await run(375, 740, "phone");
});
