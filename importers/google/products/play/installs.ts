import { deviceKey, playTable } from "./table.js";

/** `Google Play Store/Installs.json`: the apps installed on each of the account's devices. */
export const playInstallsImporter = playTable({
  id: "google.play.installs",
  title: "Google Play app installs",
  wrapper: "install",
  fileName: /^Installs\.json$/i,
  kind: "app_install",
  time: "first_installation_time",
  key: (fields) => [fields.document_type as string, fields.title as string, deviceKey(fields.device)],
  fieldSensitivity: {
    device: { level: 3, categories: ["device"], reason: "the device the app was installed on" },
  },
});
