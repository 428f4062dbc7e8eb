/* liaison-desk.exe / liaison-desk-cli.exe: start the bundled CPython (python311.dll beside this exe)
 * on the application, so the process carries the application's own name and icon.
 *
 * Built twice from this file with Debian's gcc-mingw-w64-x86-64 (see build.py):
 *   liaison-desk.exe      GUI subsystem (-mwindows -DLD_GUI): no console window for the window; given a
 *                         subcommand it attaches to the console of the program that started it, if any.
 *   liaison-desk-cli.exe  console subsystem: for scripts, scheduled tasks and pipes (the caller waits
 *                         for it and gets its exit code).
 *
 * What runs: `python -m desktop.cli ARGS...` (no arguments opens the window). Interpreter options as
 * the first argument (-c, -m, -I, -E, -s, -S, -u, -B, -X, -O) are passed through unchanged, so that
 * sys.executable works as a Python interpreter for child processes (multiprocessing, the self-test).
 * The search path comes from python311._pth beside the DLL (isolated: PYTHON* variables are ignored).
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdlib.h>
#include <wchar.h>

typedef int (*py_main_fn)(int, wchar_t **);

static const wchar_t *PASS_THROUGH[] = {L"-c", L"-m", L"-I", L"-E", L"-s", L"-S", L"-u", L"-B", L"-X",
                                        L"-O", L"-OO", L"-W", NULL};

static void fail(const wchar_t *what, const wchar_t *detail)
{
    wchar_t text[2048];
    _snwprintf(text, 2047, L"委员联络组工作台无法启动：%ls\r\nLiaison Desk cannot start: %ls\r\n\r\n"
               L"请重新安装本程序。/ Please reinstall the program.", what, detail);
    text[2047] = 0;
#ifdef LD_GUI
    MessageBoxW(NULL, text, L"委员联络组工作台 Liaison Desk", MB_OK | MB_ICONERROR);
#else
    DWORD n;
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    if (!WriteConsoleW(err, text, (DWORD)wcslen(text), &n, NULL)) {
        char buf[6144];
        int len = WideCharToMultiByte(CP_UTF8, 0, text, -1, buf, sizeof buf, NULL, NULL);
        if (len > 1) WriteFile(err, buf, (DWORD)(len - 1), &n, NULL);
    }
#endif
}

#ifdef LD_GUI
static int usable(HANDLE h)
{
    return h != NULL && h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_UNKNOWN;
}

/* A GUI-subsystem process started from cmd.exe or PowerShell has no standard handles unless they
 * were redirected. For a subcommand, write to the parent's console when there is one. This must be
 * done before python311.dll (and with it the C runtime that Python uses) is loaded: the runtime
 * takes its standard handles at load time. */
static void attach_parent_console(void)
{
    if (usable(GetStdHandle(STD_OUTPUT_HANDLE)) || !AttachConsole(ATTACH_PARENT_PROCESS)) return;
    HANDLE out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                             NULL, OPEN_EXISTING, 0, NULL);
    HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                            NULL, OPEN_EXISTING, 0, NULL);
    if (out != INVALID_HANDLE_VALUE) {
        SetStdHandle(STD_OUTPUT_HANDLE, out);
        if (!usable(GetStdHandle(STD_ERROR_HANDLE))) SetStdHandle(STD_ERROR_HANDLE, out);
        DWORD n;
        WriteConsoleW(out, L"\r\n", 2, &n, NULL);   /* the prompt was already printed: start a new line */
    }
    if (in != INVALID_HANDLE_VALUE && !usable(GetStdHandle(STD_INPUT_HANDLE))) SetStdHandle(STD_INPUT_HANDLE, in);
}
#endif

int main(void)
{
    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (!argv) return 120;

    wchar_t exe[MAX_PATH * 4], dir[MAX_PATH * 4], dll[MAX_PATH * 4];
    DWORD len = GetModuleFileNameW(NULL, exe, MAX_PATH * 4);
    if (len == 0 || len >= MAX_PATH * 4) return 121;
    wcscpy(dir, exe);
    wchar_t *slash = wcsrchr(dir, L'\\');
    if (slash) *slash = 0;

#ifdef LD_GUI
    if (argc > 1) attach_parent_console();
#endif

    _snwprintf(dll, MAX_PATH * 4 - 1, L"%ls\\python311.dll", dir);
    dll[MAX_PATH * 4 - 1] = 0;
    SetDllDirectoryW(dir);
    HMODULE py = LoadLibraryExW(dll, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!py) {
        fail(L"找不到或无法加载 python311.dll", dll);
        return 122;
    }
    py_main_fn py_main = (py_main_fn)(void (*)(void))GetProcAddress(py, "Py_Main");
    if (!py_main) {
        fail(L"python311.dll 中没有 Py_Main", dll);
        return 123;
    }

    int pass = 0;
    if (argc > 1)
        for (const wchar_t **p = PASS_THROUGH; *p; p++)
            if (wcscmp(argv[1], *p) == 0 || (wcslen(*p) == 2 && wcsncmp(argv[1], *p, 2) == 0 && argv[1][2]))
                pass = 1;
    wchar_t **args = calloc((size_t)argc + 4, sizeof *args);
    if (!args) return 124;
    int n = 0;
    args[n++] = exe;
    if (!pass) {
        args[n++] = L"-m";
        args[n++] = L"desktop.cli";
    }
    for (int i = 1; i < argc; i++) args[n++] = argv[i];
    args[n] = NULL;
    return py_main(n, args);
}
