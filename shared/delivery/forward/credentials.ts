import { ConfigError } from "../../core/config";

/**
 * Moves `user:password@` out of FORWARD_URL into an `Authorization: Basic` value (RFC 7617: UTF-8,
 * base64), so the request goes to the URL without them and nothing that shows the URL can show them.
 * Throws a ConfigError, never quoting them, for credentials Basic cannot carry.
 */
export function splitCredentials(url: URL): { url: URL; authorization?: string } {
  if (!url.username && !url.password) return { url };
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    throw new ConfigError("FORWARD_URL", "credentials are not valid percent-encoded UTF-8");
  }
  if (user.includes(":")) throw new ConfigError("FORWARD_URL", "credentials cannot hold ':' before the password (HTTP Basic forbids it)");
  const bare = new URL(url.href);
  bare.username = "";
  bare.password = "";
  return { url: bare, authorization: `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}` };
}
