// The content generation the app servers write on every commit that can change a page
// (PAGE_CACHE_GENERATION_FILE): part of nginx's cache key, so that nginx never serves a page of an older
// generation. An empty value (file missing) makes nginx pass the request through without caching.
var fs = require('fs');

function generation(r) {
    try {
        return fs.readFileSync(r.variables.generation_file, 'utf8').trim();
    } catch (e) {
        return '';
    }
}

export default { generation };
