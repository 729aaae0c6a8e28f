-- The content generation, part of nginx's cache key (deploy/nginx.conf): nginx never serves a page of an older
-- generation. The app servers write it to PAGE_CACHE_GENERATION_FILE on every commit that can change a page, in
-- place (core/caching.py: never truncated, never replaced), so each nginx worker maps the file into memory once
-- and reads it per request without a system call. (Reading the file per request, as the earlier njs version did,
-- cost about a third of a cached page's throughput.)
-- An empty value (no file yet, or an empty one) makes nginx pass the request through without caching.
local ffi = require "ffi"

ffi.cdef [[
int open(const char *pathname, int flags);
int close(int fd);
long lseek(int fd, long offset, int whence);
void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset);
int munmap(void *addr, size_t length);
]]

local O_RDONLY, SEEK_END, PROT_READ, MAP_SHARED = 0, 2, 1, 1
local PAGE = 4096
local MAP_FAILED = ffi.cast("void *", -1)
-- If somebody replaces the file instead of writing it in place (a restore, a hand edit), the mapping still
-- shows the old one: map it again once a second, so that such a change is seen within a second.
local REMAP_AFTER = 1.0

local M = {}
local mapped, mapped_at = nil, 0

local function map(path)
    local fd = ffi.C.open(path, O_RDONLY)
    if fd < 0 then
        return nil
    end
    -- A mapped page past the end of the file would raise SIGBUS: map only a file that already holds a value
    -- (the app writes it before anything can read it, and never shortens it).
    local size = ffi.C.lseek(fd, 0, SEEK_END)
    local pointer = MAP_FAILED
    if size > 0 and size < PAGE then
        pointer = ffi.C.mmap(nil, PAGE, PROT_READ, MAP_SHARED, fd, 0)
    end
    ffi.C.close(fd)
    if pointer == MAP_FAILED then
        return nil
    end
    return ffi.cast("const char *", pointer)
end

function M.current(path)
    local now = ngx.now()  -- nginx's cached clock: no system call
    if mapped == nil or now - mapped_at >= REMAP_AFTER then
        local fresh = map(path)
        if mapped ~= nil then
            ffi.C.munmap(ffi.cast("void *", mapped), PAGE)
        end
        mapped, mapped_at = fresh, now
        if mapped == nil then
            return ""
        end
    end
    -- The rest of the page past the end of the file reads as zeros: the string ends there.
    return ffi.string(mapped)
end

return M
