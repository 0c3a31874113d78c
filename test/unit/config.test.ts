import { describe, expect, it } from "vitest";
import { ConfigError, integerSetting, listSetting, optionalSetting, requiredSetting } from "../../shared/core/config";
import { loadSudConfig } from "../../shared/platforms/sud/config";
import { loadTencentConfig } from "../../shared/platforms/tencent/config";
import { loadYuanjingConfig } from "../../shared/platforms/yuanjing/config";

const SECRET_LOOKING = "s3cr3t-VALUE-that-must-not-leak";

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("settings read from the environment", () => {
  it("requiredSetting trims, and names the variable when it is missing or blank", () => {
    expect(requiredSetting({ A: "  x " }, "A")).toBe("x");
    for (const env of [{}, { A: "" }, { A: "   " }]) {
      const error = configError(() => requiredSetting(env, "A"));
      expect(error.variable).toBe("A");
      expect(error.message).toBe("A is not set");
    }
  });

  it("optionalSetting treats blank as unset", () => {
    expect(optionalSetting({ A: " " }, "A")).toBeUndefined();
    expect(optionalSetting({ A: "v" }, "A")).toBe("v");
  });

  it("listSetting splits on commas and trims, and refuses a list of nothing", () => {
    expect(listSetting({ L: " a, b ,c " }, "L", true)).toEqual(["a", "b", "c"]);
    expect(listSetting({}, "L", false)).toEqual([]);
    expect(configError(() => listSetting({ L: " , ," }, "L", false)).message).toBe("L holds no value between its commas");
  });

  it("integerSetting falls back, accepts whole numbers in range, and refuses anything else without echoing it", () => {
    expect(integerSetting({}, "N", 7, 0, 10)).toBe(7);
    expect(integerSetting({ N: "10" }, "N", 7, 0, 10)).toBe(10);
    for (const bad of ["11", "-1", "2.5", SECRET_LOOKING]) {
      const error = configError(() => integerSetting({ N: bad }, "N", 7, 0, 10));
      expect(error.message).toBe("N must be a whole number from 0 to 10");
      expect(error.message).not.toContain(bad);
    }
  });
});

describe("platform configuration errors name the variable and never print its value", () => {
  const cases: Array<[string, () => unknown, string]> = [
    ["Tencent without an app id", () => loadTencentConfig({ TENCENT_CALLBACK_TOKEN: SECRET_LOOKING }), "TENCENT_SDK_APP_ID"],
    ["Tencent with a token list of only commas", () => loadTencentConfig({ TENCENT_SDK_APP_ID: "1400", TENCENT_CALLBACK_TOKEN: ",," }), "TENCENT_CALLBACK_TOKEN"],
    ["SUD without a secret", () => loadSudConfig({ SUD_APP_ID: "1" }), "SUD_APP_SECRET"],
    ["SUD without an app id", () => loadSudConfig({ SUD_APP_SECRET: SECRET_LOOKING }), "SUD_APP_ID"],
    ["SUD with a bad window", () => loadSudConfig({ SUD_APP_ID: "1", SUD_APP_SECRET: "s", SUD_MAX_SIGNATURE_AGE_S: SECRET_LOOKING }), "SUD_MAX_SIGNATURE_AGE_S"],
    ["元镜 with a bad window", () => loadYuanjingConfig({ YUANJING_APP_SECRET: SECRET_LOOKING, YUANJING_SIGN_MAX_AGE_S: "0" }), "YUANJING_SIGN_MAX_AGE_S"],
    ["元镜 with a bad consume_state", () => loadYuanjingConfig({ YUANJING_CONSUME_STATE: SECRET_LOOKING }), "YUANJING_CONSUME_STATE"],
  ];
  for (const [name, load, variable] of cases) {
    it(name, () => {
      const error = configError(load);
      expect(error.variable).toBe(variable);
      expect(error.message.startsWith(`${variable} `)).toBe(true);
      expect(error.message).not.toContain(SECRET_LOOKING);
      expect(error.message).not.toMatch(/s3cr3t/i);
    });
  }

  it("元镜 needs nothing to load: defaults fc-dg-common / cg, no secret (HTTP refused), consume_state 0", () => {
    expect(loadYuanjingConfig({})).toEqual({ fcGroup: "fc-dg-common", fcName: "cg", appSecrets: [], allowUnsignedHttp: false, signMaxAgeS: 900, consumeState: 0 });
  });
});
