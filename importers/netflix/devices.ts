import { netflixTable, textField } from "./table.js";

/** `DEVICES/Devices.csv`: every device each profile played on, with first and last use. */
export const devicesImporter = netflixTable({
  id: "netflix.devices",
  title: "Netflix devices",
  fileName: /^Devices\.csv$/i,
  required: ["Profile Name", "Esn", "Device Type"],
  known: [
    "Acct First Playback Date",
    "Acct Last Playback Date",
    "Profile First Playback Date",
    "Profile Last Playback Date",
    "Deactivation Time",
  ],
  kind: "device",
  key: ["profile", "esn"],
  // When this profile first used the device; older rows have only the account's first use.
  time: ["profile_first_playback_date", "acct_first_playback_date"],
  recordTitle: (fields) => textField(fields, "device_type"),
  fieldSensitivity: {
    esn: { level: 3, categories: ["device", "identifier"], reason: "device serial number (ESN)" },
    device_type: { level: 1, categories: ["device"], reason: "kind of device" },
  },
});
