import type { FileSample } from "../types.js";
import { netflixTable, textField } from "./table.js";

/**
 * `IP_ADDRESSES/IpAddressesLogin.csv` and `IpAddressesStreaming.csv`: the address, device and
 * region of every login and streaming session. Both files have the same core columns; only their
 * names say which events they list.
 */
export const ipAddressesImporter = netflixTable({
  id: "netflix.ip-addresses",
  title: "Netflix IP addresses",
  fileName: /^IpAddresses.*\.csv$/i,
  required: ["Esn", "Ip", "Ts"],
  known: ["Country", "Localized Device Description", "Device Description", "Region Code Display Name", "Region Code"],
  kind: (_fields, file) => eventKind(file),
  key: ["ts", "esn", "ip"],
  time: ["ts"],
  recordTitle: (fields) =>
    textField(fields, "device_description") ?? textField(fields, "localized_device_description") ?? textField(fields, "country"),
  fieldSensitivity: {
    ip: { level: 3, categories: ["identifier", "location"], reason: "IP address" },
    esn: { level: 3, categories: ["device", "identifier"], reason: "device serial number (ESN)" },
    region_code_display_name: { level: 2, categories: ["location"], reason: "region connected from" },
    region_code: { level: 2, categories: ["location"], reason: "region connected from" },
    near_location: { level: 2, categories: ["location"], reason: "place connected near" },
    country: { level: 1, categories: ["location"], reason: "country connected from" },
  },
});

function eventKind(file: FileSample): string {
  if (/login/i.test(file.name)) return "login";
  if (/stream/i.test(file.name)) return "streaming_session";
  return "ip_address";
}
