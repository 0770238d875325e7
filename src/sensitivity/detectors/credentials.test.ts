import { describe, expect, it } from "vitest";
import { detectCredentials } from "./credentials.js";

const found = (text: string) => detectCredentials(text).map((span) => [text.slice(span.start, span.end), span.label]);

describe("detectCredentials", () => {
  it("finds the password after a password cue, in several languages", () => {
    expect(found("Your password: Tr0ub4dor&3 - please change it")).toEqual([["Tr0ub4dor&3", "password"]]);
    expect(found("Passwort: Sommer2024! bitte nicht weitergeben")).toEqual([["Sommer2024!", "password"]]);
    expect(found("Mot de passe : Chaton#77.")).toEqual([["Chaton#77", "password"]]);
  });

  it("does not take prose after the word password for a password", () => {
    expect(found("Your password: changed successfully. Forgot your password? Reset it")).toEqual([]);
  });

  it("finds API keys by their vendor prefixes and random tokens named as secrets", () => {
    expect(found("key ghp_a8B3kLm9Qz2Xw7Rt5Yp1Nc4Vd6Hf0Js8Ue2G and AKIAIOSFODNN7EXAMPLE")).toEqual([
      ["ghp_a8B3kLm9Qz2Xw7Rt5Yp1Nc4Vd6Hf0Js8Ue2G", "API key or token"],
      ["AKIAIOSFODNN7EXAMPLE", "API key or token"],
    ]);
    expect(found("api_key=9f8Kq2LmZx7Pw4Rt1Vb6Nc3Yh")).toEqual([["9f8Kq2LmZx7Pw4Rt1Vb6Nc3Yh", "secret token"]]);
    expect(found("token: aaaaaaaaaaaaaaaaaaaaaaaaaaaa")).toEqual([]);
  });

  it("finds one-time codes but not postcodes, years or promo codes", () => {
    expect(found("Your verification code is 482913")).toEqual([["482913", "one-time code"]]);
    expect(found("Tu código de verificación es 558201")).toEqual([["558201", "one-time code"]]);
    expect(found("postal code 10969, code of conduct 2024, promo code 1234")).toEqual([]);
  });
});
