import { lookupTag } from "../src/core/dictionary.ts";
for (const t of [0xfffee000, 0xfffee00d, 0xfffee0dd, 0x00280009, 0x300a0082, 0xfffcfffc]) console.log(t.toString(16), JSON.stringify(lookupTag(t)));
