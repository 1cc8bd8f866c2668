/* Test scaffolding for tools/wine-smoke.sh, never shipped: a stand-in bcryptprimitives.dll.
 *
 * Rust's standard library (1.78 and later) asks bcryptprimitives.dll's ProcessPrng for
 * random bytes at start-up (HashMap keys). Windows 10 and 11 have that DLL; Debian 12's
 * Wine 8 does not, so jackbox.exe would stop before main under that Wine. The smoke test
 * builds this file with mingw and puts the DLL beside its own copy of the exe, only when
 * the Wine in use lacks the DLL. ProcessPrng here is Wine's BCryptGenRandom with the
 * system RNG, which is what the real ProcessPrng provides. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
