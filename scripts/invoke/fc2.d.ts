// The parts of @alicloud/fc2 (FC 2.0 API client, ships no types) this project calls.
declare module "@alicloud/fc2" {
  interface FCClientConfig {
    accessKeyID: string;
    accessKeySecret: string;
    region: string;
    securityToken?: string;
    /** Overrides https://<account>.<region>.fc.aliyuncs.com, e.g. the local emulator. */
    endpoint?: string;
    secure?: boolean;
    timeout?: number;
    headers?: Record<string, string>;
  }
  interface FCResponse {
    headers: Record<string, string>;
    data: unknown;
  }
  class FCClient {
    constructor(accountId: string, config: FCClientConfig);
    invokeFunction(service: string, fn: string, event: string | Buffer, headers?: Record<string, string>, qualifier?: string): Promise<FCResponse>;
  }
  export = FCClient;
}
