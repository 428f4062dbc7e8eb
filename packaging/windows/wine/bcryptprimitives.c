/* Test-only stand-in for Windows' bcryptprimitives.dll, put into the Wine prefix that CI tests in.
 * NOT shipped: every Windows 10/11 has the real one.
 *
 * Wine 8.0 (Debian 12) has no bcryptprimitives.dll. Rust's standard library (cryptography's _rust.pyd)
 * and Chromium's allocator inside QtPdf (Qt6Pdf.dll) take their random numbers from its ProcessPrng
 * and stop (DLL load failure, int3) without it. Here it draws from RtlGenRandom (advapi32). */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);   /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
