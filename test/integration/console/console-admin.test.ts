// The console's admin pages on both back ends, as a browser calls them (form posts, cookies, redirects): endpoints
// created and changed through the API's schemas and use cases, tokens shown once and revoked, screen thumbnails,
// endpoints disabled and enabled again, users and roles, gazetteer places found, added and corrected; roles, CSRF and
// markup shown as text.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { consoleBrowser } from "../../helpers/console-browser.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("the console's admin pages on $name", (backend) => {
  let pipeline: TestPipeline;
  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;

  /** A browser signed in as one of the demo users (or with the password given). */
  const browser = () => {
    const client = consoleBrowser(pipeline.app);
    return { ...client, signIn: (username: string, secret = password(username)) => client.signIn(username, secret) };
  };

  /** The token shown on a page (the read-only field that shows it once). */
  const shownToken = (html: string) =>
    /id="issued-token-value"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*id="issued-token-value"/.exec(html)?.[1];
  const shownPassword = (html: string) => /id="new-password-value"[^>]*value="([^"]+)"/.exec(html)?.[1];

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  }, 180_000);
  afterAll(() => pipeline?.close());

  it("creates a partner whose token is shown once and works on /partner/v1 until it is revoked", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const form = await admin.call("GET", "/endpoints/partners/new");
    expect(form.status).toBe(200);
    const created = await admin.post("/endpoints/partners", [
      ["name", "Viettel Hà Tĩnh"],
      ["areas", "VN-HT, VN-HT-HUONGSON"],
      ["languages", "vi"],
      ["languages", "lo"],
      ["kinds", "sms"],
      ["smsPolicy.sender", "BANTIN-HT"],
      ["smsPolicy.maxParts", "3"],
      ["leaseSeconds", ""],
    ]);
    expect(created.status, created.html).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const token = shownToken(created.html);
    expect(token).toMatch(/^bt_partner_/);
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: token!, body: { max: 1 } });
    expect(claim.status, claim.text).toBe(200);

    // never again: the partner's page lists the token by label and times, without the secret
    const pageUrl = /action="(\/endpoints\/partners\/[0-9a-f-]{36})"/.exec(created.html)![1]!;
    const page = await admin.call("GET", pageUrl);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(token!);
    expect(page.html).not.toContain('id="issued-token-value"');
    expect(page.html).toContain("Viettel Hà Tĩnh");
    // its use was noted: "last used" is a date, not "never"
    const row = page.html.slice(page.html.indexOf('id="tokens"'));
    expect(row).toMatch(/<td>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/td><td>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/td><td>Đang dùng được/);

    const revokeAction = /action="(\/endpoints\/partners\/[0-9a-f-]{36}\/tokens\/[0-9a-f-]{36}\/revoke)"/.exec(page.html)![1]!;
    const revoked = await admin.post(revokeAction, []);
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(`${pageUrl}?done=revoked`);
    const after = await pipeline.request("POST", "/partner/v1/batches/claim", { token: token!, body: { max: 1 } });
    expect(after.status).toBe(401);
    expect((await admin.call("GET", revoked.location!)).html).toContain("Đã thu hồi lúc");

    // a new token for it, with a label: shown once, and it works
    const issued = await admin.post(`${pageUrl}/tokens`, [["label", "máy chủ dự phòng"]]);
    expect(issued.status).toBe(201);
    const second = shownToken(issued.html)!;
    expect((await pipeline.request("POST", "/partner/v1/batches/claim", { token: second, body: { max: 1 } })).status).toBe(200);
    expect(issued.html).toContain("máy chủ dự phòng");

    // its lease changes through the API's schema: a lease out of range is said beside the field
    const bad = await admin.post(pageUrl, [["leaseSeconds", "5"]]);
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/id="f-leaseSeconds-error">Phải từ 30 trở lên\.</);
    const good = await admin.post(pageUrl, [["leaseSeconds", "600"]]);
    expect(good.status).toBe(303);
    const partners = await pipeline.request("GET", "/api/v1/partners", { token: pipeline.tokens.admin });
    expect(partners.json.items.find((partner: { name: string }) => partner.name === "Viettel Hà Tĩnh").leaseSeconds).toBe(600);
  });

  it("shows each problem beside its field and markup typed into a form as text, and creates nothing", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const hostile = await admin.post("/endpoints/screens", [
      ["name", `<script>alert("x")</script>`],
      ["gateCode", "VN-NOWHERE"],
      ["languages", "vi"],
      ["width", "wide"],
      ["height", "1080"],
    ]);
    expect(hostile.status).toBe(422);
    expect(hostile.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(hostile.html).not.toContain('<script>alert("x")');
    expect(hostile.html).toMatch(/id="f-name"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-name"/);
    expect(hostile.html).toContain('id="f-name-error"');
    expect(hostile.html).toContain('id="f-width-error"');
    // the schema passes, the use case refuses the unknown gate: said beside the gate field
    const unknownGate = await admin.post("/endpoints/screens", [
      ["name", `Màn hình a<b & "c"`],
      ["gateCode", "VN-NOWHERE"],
      ["languages", "vi"],
      ["width", "1280"],
      ["height", "720"],
    ]);
    expect(unknownGate.status).toBe(422);
    expect(unknownGate.html).toMatch(/id="f-gateCode-error">Danh mục địa danh không có địa điểm VN-NOWHERE\.</);
    const screens = await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin });
    expect(screens.json.items.map((screen: { name: string }) => screen.name)).not.toContain(`Màn hình a<b & "c"`);
    // text with a "<" that is not markup is stored, and shown as typed
    const created = await admin.post("/endpoints/screens", [
      ["name", `Màn hình a<b & "c"`],
      ["gateCode", "VN-HT-CAUTREO"],
      ["languages", "vi"],
      ["languages", "en"],
      ["width", "1280"],
      ["height", "720"],
    ]);
    expect(created.status, created.html).toBe(201);
    expect(shownToken(created.html)).toMatch(/^bt_screen_/);
    const list = await admin.call("GET", "/endpoints");
    expect(list.html).toContain("Màn hình a&lt;b &amp; &quot;c&quot;");
    // a name taken is said beside the name
    const again = await admin.post("/endpoints/screens", [
      ["name", `Màn hình a<b & "c"`],
      ["gateCode", "VN-HT-CAUTREO"],
      ["languages", "vi"],
      ["width", "1280"],
      ["height", "720"],
    ]);
    expect(again.status).toBe(409);
    expect(again.html).toContain('id="f-name-error">Tên “Màn hình a&lt;b &amp; &quot;c&quot;” đã được dùng; hãy chọn tên khác.<');
  });

  it("shows each screen's slide of now as a thumbnail, and what each shows for the refresh script", async () => {
    await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["display"] });
    const reporter = browser();
    await reporter.signIn("reporter");
    const list = await reporter.call("GET", "/endpoints");
    expect(list.status).toBe(200);
    expect(list.html).toContain('<script src="/console/assets/thumbnails.js"');
    // a reporting officer reads, and is offered no form
    expect(list.html).not.toContain('href="/endpoints/screens/new"');
    const cauTreo = pipeline.credentials.screens.find((screen) => screen.name === "Cầu Treo gate screen")!;
    expect(list.html).toContain(`src="/endpoints/screens/${cauTreo.id}/thumbnail"`);
    expect(list.html).toContain("Cầu Treo gate screen đang hiển thị:");
    // places and languages by name, as the reader knows them, not by code
    expect(list.html).toContain("<td>Cửa khẩu Quốc tế Cầu Treo</td>");
    expect(list.html).toContain("<td>Tiếng Việt, Tiếng Lào, Tiếng Anh, Tiếng Khmer</td>");
    expect(list.html).not.toMatch(/<td>VN-[A-Z-]+<\/td>/);

    const showing = await reporter.call("GET", "/endpoints/screens/showing");
    const entry = JSON.parse(showing.html).screens.find((screen: { id: string }) => screen.id === cauTreo.id);
    // the screen's own feed says the same slide
    const feed = await pipeline.request("GET", "/screen/v1/feed", { token: cauTreo.token });
    expect(feed.json.items[0].slide).toBe(`/screen/v1/slides/${entry.file}`);

    const image = await reporter.call("GET", `/endpoints/screens/${cauTreo.id}/thumbnail`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(image.bytes).metadata();
    expect(meta.width).toBe(240);
    expect(meta.height).toBe(135);
    expect(image.headers.get("etag")).toBe(`"${entry.file.slice(0, -4)}"`);
    const again = await reporter.call("GET", `/endpoints/screens/${cauTreo.id}/thumbnail`, { headers: { "if-none-match": image.headers.get("etag")! } });
    expect(again.status).toBe(304);
    // a screen with nothing to show: a dark image of its shape (Mộc Bài is portrait)
    const mocBai = pipeline.credentials.screens.find((screen) => screen.name === "Mộc Bài gate screen")!;
    const empty = await reporter.call("GET", `/endpoints/screens/${mocBai.id}/thumbnail`);
    const emptyMeta = await sharp(empty.bytes).metadata();
    expect([emptyMeta.width, emptyMeta.height]).toEqual([135, 240]);
    // the script is served from the console's own assets (the CSP forbids inline script)
    const script = await reporter.call("GET", "/console/assets/thumbnails.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    // an anonymous visitor gets no thumbnail
    const anonymous = await browser().call("GET", `/endpoints/screens/${cauTreo.id}/thumbnail`);
    expect(anonymous.status).toBe(303);
  });

  it("creates a user whose password is shown once, changes their roles, disables them and sets a new password", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const bad = await admin.post("/users", [
      ["username", "Bad Name"],
      ["displayName", "<b>x</b>"],
    ]);
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('id="f-username-error"');
    expect(bad.html).toContain('id="f-roles-error"');
    expect(bad.html).toContain("&lt;b&gt;x&lt;/b&gt;");
    const created = await admin.post("/users", [
      ["username", "lan.nguyen"],
      ["displayName", "Nguyễn Thị Lan"],
      ["roles", "editor"],
      ["password", ""],
    ]);
    expect(created.status, created.html).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const secret = shownPassword(created.html)!;
    expect(secret.length).toBeGreaterThanOrEqual(10);
    const lan = browser();
    await lan.signIn("lan.nguyen", secret);
    expect((await lan.call("GET", "/users")).status).toBe(403);

    const userUrl = /href="(\/users\/[0-9a-f-]{36})">lan\.nguyen</.exec(created.html)![1]!;
    expect((await admin.call("GET", userUrl)).html).not.toContain(secret);
    const changed = await admin.post(userUrl, [
      ["displayName", "Nguyễn Thị Lan"],
      ["roles", "editor"],
      ["roles", "approver"],
    ]);
    expect(changed.status).toBe(303);
    const me = await pipeline.request("GET", "/api/v1/users", { token: pipeline.tokens.admin });
    expect(me.json.items.find((user: { username: string }) => user.username === "lan.nguyen").roles).toEqual(["editor", "approver"]);

    // disabled: her open session ends at once, and she cannot sign in
    expect((await lan.call("GET", "/")).status).toBe(200);
    expect(
      (
        await admin.post(userUrl, [
          ["displayName", "Nguyễn Thị Lan"],
          ["roles", "editor"],
          ["disabled", "on"],
        ])
      ).status,
    ).toBe(303);
    expect((await lan.call("GET", "/")).status).toBe(303);
    const refused = await lan.call("POST", "/login", { form: { username: "lan.nguyen", password: secret, next: "/" } });
    expect(refused.status).toBe(401);
    expect(
      (
        await admin.post(userUrl, [
          ["displayName", "Nguyễn Thị Lan"],
          ["roles", "editor"],
        ])
      ).status,
    ).toBe(303);

    // a new password, shown once; the old one no longer works
    const reset = await admin.post(`${userUrl}/password`, []);
    expect(reset.status).toBe(200);
    const fresh = shownPassword(reset.html)!;
    expect(fresh).not.toBe(secret);
    expect((await lan.call("POST", "/login", { form: { username: "lan.nguyen", password: secret, next: "/" } })).status).toBe(401);
    await lan.signIn("lan.nguyen", fresh);
  });

  it("refuses an admin removing their own admin role or disabling themselves, with a clear error", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const self = `/users/${pipeline.credentials.users.find((user) => user.username === "admin")!.id}`;
    const page = await admin.call("GET", self);
    expect(page.html).toContain("bạn không thể bỏ vai trò Quản trị");
    const dropped = await admin.post(self, [
      ["displayName", "Quản trị (demo)"],
      ["roles", "reporter"],
    ]);
    expect(dropped.status).toBe(409);
    expect(dropped.html).toMatch(/id="f-roles-error">Bạn không thể bỏ vai trò Quản trị của chính mình/);
    const disabled = await admin.post(self, [
      ["displayName", "Quản trị (demo)"],
      ["roles", "admin"],
      ["disabled", "on"],
    ]);
    expect(disabled.status).toBe(409);
    expect(disabled.html).toContain("Bạn không thể khóa tài khoản của chính mình");
    const users = await pipeline.request("GET", "/api/v1/users", { token: pipeline.tokens.admin });
    const row = users.json.items.find((user: { username: string }) => user.username === "admin");
    expect(row.roles).toEqual(["admin"]);
    expect(row.disabled).toBe(false);
    // the API says the same, as a problem, and changes nothing
    const api = await pipeline.request("PATCH", `/api/v1${self}`, { token: pipeline.tokens.admin, body: { roles: ["reporter"] } });
    expect(api.status).toBe(409);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
    expect(
      (await pipeline.request("GET", "/api/v1/users", { token: pipeline.tokens.admin })).json.items.find(
        (user: { username: string }) => user.username === "admin",
      ).roles,
    ).toEqual(["admin"]);
  });

  it("changes roles and sets passwords over the API with the same use cases", async () => {
    const translator = pipeline.credentials.users.find((user) => user.username === "translator")!;
    const changed = await pipeline.request("PATCH", `/api/v1/users/${translator.id}`, {
      token: pipeline.tokens.admin,
      body: { roles: ["translator", "reporter"] },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.roles).toEqual(["translator", "reporter"]);
    const editorRefused = await pipeline.request("PATCH", `/api/v1/users/${translator.id}`, { token: pipeline.tokens.editor, body: { roles: ["admin"] } });
    expect(editorRefused.status).toBe(403);
    const reset = await pipeline.request("POST", `/api/v1/users/${translator.id}/password`, { token: pipeline.tokens.admin });
    expect(reset.status).toBe(200);
    expect(reset.json.password).toEqual(expect.any(String));
    const old = await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "translator", password: translator.password } });
    expect(old.status).toBe(401);
    const fresh = await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "translator", password: reset.json.password } });
    expect(fresh.status).toBe(200);
    translator.password = reset.json.password;
    await pipeline.request("PATCH", `/api/v1/users/${translator.id}`, { token: pipeline.tokens.admin, body: { roles: ["translator"] } });
  });

  it("finds places in any language, corrects a name (a new Lao name is unreviewed) and marks them reviewed", async () => {
    const admin = browser();
    await admin.signIn("admin");
    for (const q of ["cau treo", "Cầu Treo", "ກ່າວແຕ່ວ", "VN-HT-CAUTREO"]) {
      const found = await admin.call("GET", `/places?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.html, q).toContain('href="/places/VN-HT-CAUTREO"');
      expect(found.html, q).not.toContain('href="/places/VN-TN-MOCBAI"');
    }
    const reviewed = await admin.post("/places/VN-HT-CAUTREO/review", [
      ["reviewed", "true"],
      ["back", "/places?q=cau"],
    ]);
    expect(reviewed.status).toBe(303);
    expect(reviewed.location).toBe("/places?q=cau&done=reviewed");
    expect((await pipeline.request("GET", "/api/v1/places/VN-HT-CAUTREO", { token: pipeline.tokens.admin })).json.reviewed).toBe(true);

    const empty = await admin.post("/places/VN-HT-CAUTREO", [
      ["names.vi", ""],
      ["names.lo", "ດ່ານ"],
      ["names.en", "x"],
      ["names.km", "y"],
    ]);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('id="f-names-vi-error"');
    const place = (await pipeline.request("GET", "/api/v1/places/VN-HT-CAUTREO", { token: pipeline.tokens.admin })).json;
    const edited = await admin.post("/places/VN-HT-CAUTREO", [
      ["names.vi", place.names.vi],
      ["names.lo", "ດ່ານສາກົນ ນ້ຳພາວ"],
      ["names.en", place.names.en],
      ["names.km", place.names.km],
    ]);
    expect(edited.status).toBe(303);
    const after = (await pipeline.request("GET", "/api/v1/places/VN-HT-CAUTREO", { token: pipeline.tokens.admin })).json;
    expect(after.names.lo).toBe("ດ່ານສາກົນ ນ້ຳພາວ");
    expect(after.reviewed).toBe(false);
    const unreviewed = await admin.call("GET", "/places?reviewed=false&q=%E0%BA%99%E0%BB%89%E0%BA%B3%E0%BA%9E%E0%BA%B2%E0%BA%A7");
    expect(unreviewed.html).toContain('href="/places/VN-HT-CAUTREO"');
  });

  it("disables a partner, a screen and a station from their pages, which the list marks, and enables them again", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const list = async (kind: string) => (await pipeline.request("GET", `/api/v1/${kind}`, { token: pipeline.tokens.admin })).json.items as any[];
    const [partner, screen, station] = [pipeline.credentials.partners[0]!, pipeline.credentials.screens[0]!, pipeline.credentials.stations[0]!];
    const asListed = async (kind: string, id: string) => (await list(kind)).find((row) => row.id === id);
    /** The change form of each kind filled in as the endpoint is, as a browser posts it. */
    const formOf = async (kind: string, id: string): Promise<[string, string][]> => {
      const row = await asListed(kind, id);
      const languages: [string, string][] = (row.languages ?? []).map((language: string) => ["languages", language]);
      if (kind === "partners") return [["leaseSeconds", String(row.leaseSeconds)]];
      if (kind === "screens")
        return [["name", row.name], ["gateCode", row.gateCode], ...languages, ["width", String(row.width)], ["height", String(row.height)]];
      return [
        ["name", row.name],
        ["areaCode", row.areaCode],
        ...languages,
        ...Object.entries(row.names as Record<string, string>).map(([language, name]): [string, string] => [`names.${language}`, name]),
        ...(row.namesReviewed ? [["namesReviewed", "on"] as [string, string]] : []),
      ];
    };
    const answers = {
      partners: () => pipeline.request("POST", "/partner/v1/batches/claim", { token: partner.token, body: { max: 1 } }),
      screens: () => pipeline.request("GET", "/screen/v1/feed", { token: screen.token }),
      stations: () => pipeline.request("GET", "/radio/v1/scripts", { token: station.token }),
    };
    /** The status its token gets, asked again until `wanted` holds (at most 2 s: a screen's token look-up is cached
     *  for 10 s, and dropped at once by the change's notification). */
    const statusUntil = async (kind: keyof typeof answers, wanted: (status: number) => boolean) => {
      let status = 0;
      for (let tries = 0; !wanted(status) && tries < 100; tries += 1) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await answers[kind]()).status;
      }
      return status;
    };
    const works = (status: number) => status >= 200 && status < 300;
    for (const [kind, endpoint] of [
      ["partners", partner],
      ["screens", screen],
      ["stations", station],
    ] as const) {
      const pageUrl = `/endpoints/${kind}/${endpoint.id}`;
      expect(works((await answers[kind]()).status), kind).toBe(true);
      const page = await admin.call("GET", pageUrl);
      expect(page.html).toMatch(/<input type="checkbox" name="disabled"(?![^>]*checked)[^>]*>/);
      const filled = await formOf(kind, endpoint.id);
      // without the session's CSRF token: refused, nothing changed
      const forged = await admin.call("POST", pageUrl, { form: [...filled, ["disabled", "on"]] });
      expect(forged.status, kind).toBe(403);
      expect((await asListed(kind, endpoint.id)).disabled).toBe(false);

      const disabled = await admin.post(pageUrl, [...filled, ["disabled", "on"]]);
      expect(disabled.status, disabled.html).toBe(303);
      expect(disabled.location).toBe(`${pageUrl}?done=changed`);
      expect((await asListed(kind, endpoint.id)).disabled).toBe(true);
      expect(await statusUntil(kind, (status) => status === 401), kind).toBe(401);
      const shown = await admin.call("GET", disabled.location!);
      expect(shown.html).toMatch(/<input type="checkbox" name="disabled"[^>]*checked/);
      expect(shown.html).toContain("<dt>Đã tắt</dt><dd>Có</dd>");
      const row = (await admin.call("GET", "/endpoints")).html.split(`href="${pageUrl}"`)[1]!.split("</td>")[0]!;
      expect(row).toContain('<span class="badge">Đã tắt</span>');

      // the box left unticked: enabled again, its token works again
      const enabled = await admin.post(pageUrl, filled);
      expect(enabled.status).toBe(303);
      expect((await asListed(kind, endpoint.id)).disabled).toBe(false);
      expect(works(await statusUntil(kind, works)), kind).toBe(true);
      expect((await admin.call("GET", "/endpoints")).html.split(`href="${pageUrl}"`)[1]!.split("</td>")[0]).not.toContain("Đã tắt");
    }
  });

  it("adds a place from the places page with the API's schema: problems beside their fields, markup shown as text, the new place unreviewed", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const page = await admin.call("GET", "/places");
    expect(page.html).toContain('action="/places#new-place"');
    const place = (code: string) => pipeline.request("GET", `/api/v1/places/${code}`, { token: pipeline.tokens.admin });
    const fields = (overrides: Record<string, string> = {}): [string, string][] =>
      Object.entries({
        code: "VN-HT-KYANH",
        kind: "district",
        country: "VN",
        parentCode: "VN-HT",
        "names.vi": "Kỳ Anh",
        "names.lo": "ກີ່ອານ",
        "names.en": "Ky Anh",
        "names.km": "គីអាញ",
        gateType: "",
        counterpartCode: "",
        ...overrides,
      }).concat([
        ["languages", "vi"],
        ["languages", "lo"],
      ]);

    const bad = await admin.post("/places", fields({ code: "vn-ht-kyanh", "names.vi": "<b>Kỳ Anh</b>", "names.km": "" }));
    expect(bad.status).toBe(422);
    for (const id of ["f-code", "f-names-vi", "f-names-km"]) expect(bad.html, id).toContain(`id="${id}-error"`);
    expect(bad.html).not.toContain('id="f-names-lo-error"');
    expect(bad.html).toContain('value="&lt;b&gt;Kỳ Anh&lt;/b&gt;"');
    expect(bad.html).not.toContain("<b>Kỳ Anh</b>");
    expect((await place("VN-HT-KYANH")).status).toBe(404);
    // the schema passes, the use case refuses an unknown parent: said beside it
    const orphan = await admin.post("/places", fields({ parentCode: "VN-NOWHERE" }));
    expect(orphan.status).toBe(422);
    expect(orphan.html).toMatch(/id="f-parentCode-error">Danh mục địa danh không có địa điểm VN-NOWHERE\.</);
    expect((await place("VN-HT-KYANH")).status).toBe(404);
    // without the session's CSRF token, or from another site: refused
    expect((await admin.call("POST", "/places", { form: fields() })).status).toBe(403);
    expect((await admin.post("/places", fields(), { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await place("VN-HT-KYANH")).status).toBe(404);

    const created = await admin.post("/places", fields());
    expect(created.status, created.html).toBe(303);
    expect(created.location).toBe("/places/VN-HT-KYANH?done=created");
    const stored = (await place("VN-HT-KYANH")).json;
    expect(stored).toMatchObject({
      code: "VN-HT-KYANH",
      kind: "district",
      parentCode: "VN-HT",
      country: "VN",
      names: { vi: "Kỳ Anh", lo: "ກີ່ອານ", en: "Ky Anh", km: "គីអាញ" },
      languages: ["vi", "lo"],
      reviewed: false,
      gateType: null,
      counterpartCode: null,
    });
    const shown = await admin.call("GET", created.location!);
    expect(shown.html).toContain("Đã tạo.");
    expect(shown.html).toContain("Chưa kiểm tra");
    // a code taken is said beside the code
    const again = await admin.post("/places", fields());
    expect(again.status).toBe(409);
    expect(again.html).toContain('id="f-code-error"');
  });

  it("shows an editor the 403 page naming the roles, and a reporting officer no admin form", async () => {
    const editor = browser();
    await editor.signIn("editor");
    for (const path of ["/users", "/places", "/endpoints/screens/new", "/endpoints/screens/showing"]) {
      const page = await editor.call("GET", path);
      expect(page.status, path).toBe(403);
      expect(page.html).toContain("Không có quyền truy cập");
    }
    expect((await editor.call("GET", "/users")).html).toContain("Trang này dành cho: Quản trị.");
    const posted = await editor.post("/endpoints/partners", [["name", "x"]]);
    expect(posted.status).toBe(403);
    const reporter = browser();
    await reporter.signIn("reporter");
    expect((await reporter.call("GET", "/endpoints")).status).toBe(200);
    const form = await reporter.call("GET", "/endpoints/partners/new");
    expect(form.status).toBe(403);
    expect(form.html).toContain("Trang này dành cho: Quản trị.");
  });

  it("refuses a form posted from another site, and creates nothing", async () => {
    const admin = browser();
    await admin.signIn("admin");
    await admin.call("GET", "/endpoints/partners/new");
    const crossSite = await admin.post(
      "/endpoints/partners",
      [
        ["name", "Cross-site partner"],
        ["areas", "VN-HT"],
        ["languages", "vi"],
        ["kinds", "sms"],
        ["smsPolicy.sender", "EVIL"],
      ],
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.html).toContain("gửi từ trang khác");
    const user = await admin.post(
      "/users",
      [
        ["username", "evil"],
        ["displayName", "Evil"],
        ["roles", "admin"],
      ],
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(user.status).toBe(403);
    const partners = await pipeline.request("GET", "/api/v1/partners", { token: pipeline.tokens.admin });
    expect(partners.json.items.map((partner: { name: string }) => partner.name)).not.toContain("Cross-site partner");
    const users = await pipeline.request("GET", "/api/v1/users", { token: pipeline.tokens.admin });
    expect(users.json.items.map((row: { username: string }) => row.username)).not.toContain("evil");
  });
});
