import { validateHeaderValue } from "node:http";
import { describe, expect, it } from "vitest";
import { failureMessage } from "../../shared/delivery/forward/post";

describe("a forward that fails before any answer says why, with node's code and never a value", () => {
  it("a request that cannot be built is not blamed on the network", () => {
    const headerError = captured(() => validateHeaderValue("webhook-id", "a\nb"));
    expect(failureMessage(headerError, false)).toBe("FORWARD_URL request could not be built: a header value cannot be sent (ERR_INVALID_CHAR)");
    const urlError = captured(() => new URL("http://[::1"));
    expect(failureMessage(urlError, false)).toBe("FORWARD_URL request could not be built: the URL cannot be requested (ERR_INVALID_URL)");
  });

  it("the network, the connection and the deadline each have their own words; the host is never repeated", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:443"), { code: "ECONNREFUSED" });
    expect(failureMessage(refused, false)).toBe("FORWARD_URL could not be reached (ECONNREFUSED)");
    const certificate = Object.assign(new Error("Hostname/IP does not match certificate's altnames: internal.example"), {
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
    });
    expect(failureMessage(certificate, false)).toBe("FORWARD_URL could not be reached (ERR_TLS_CERT_ALTNAME_INVALID)");
    expect(failureMessage(new Error("something else entirely"), false)).toBe("FORWARD_URL could not be reached (unknown error)");
    expect(failureMessage(new Error("anything"), true)).toBe("FORWARD_URL did not answer in time");
  });
});

function captured(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected it to throw");
}
