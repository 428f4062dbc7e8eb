; Installer of Liaison Desk (委员联络组工作台) for Windows 10/11 x64, compiled on Linux by build.py:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DBUNDLE=<folder> -DOUTFILE=<setup.exe> installer.nsi
; Per user, without administrator rights, into %LOCALAPPDATA%\Programs\LiaisonDesk. The data
; (%LOCALAPPDATA%\LiaisonDesk) and the settings (%APPDATA%\LiaisonDesk) are never touched: installing a
; newer version over an older one keeps them (the program backs the database up before it migrates it),
; and the uninstaller leaves them and says so. Silent: setup.exe /S, uninstall.exe /S.

Unicode true
Target amd64-unicode          ; a 64-bit stub: the x86 stub does not start on a 64-bit-only Wine
ManifestDPIAware true
RequestExecutionLevel user
!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
!if "${COMPRESSOR}" == "none"
  SetCompress off               ; test builds only: nothing to wait for
!else if "${COMPRESSOR}" == "zlib"
  SetCompressor /SOLID zlib
!else
  SetCompressor /SOLID lzma     ; releases: the smallest installer, a few minutes to make
  SetCompressorDictSize 64
!endif

!ifndef VERSION
  !error "VERSION is not defined (build.py passes it)"
!endif

!define APPNAME "委员联络组工作台"
!define APPKEY "LiaisonDesk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Name "${APPNAME} ${VERSION}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPKEY}"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
BrandingText "Liaison Desk ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME} Liaison Desk"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "${BUNDLE}\liaison-desk.ico"
!define MUI_UNICON "${BUNDLE}\liaison-desk.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将把 ${APPNAME} ${VERSION} 安装到您的电脑上（仅当前用户，不需要管理员权限）。$\r$\n$\r$\n如果已安装旧版本，将直接升级：您的数据和设置会保留，程序首次打开旧数据时会先自动备份。$\r$\n$\r$\n安装前请先关闭正在运行的${APPNAME}。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\liaison-desk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从下列文件夹删除${APPNAME}的程序文件。$\r$\n您的数据（$LOCALAPPDATA\${APPKEY}）和设置不会被删除；如需彻底清除，请在卸载后手动删除该文件夹。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The program's own files: removed before an upgrade (no stale modules of the older version stay
; behind) and by the uninstaller. Never RMDir /r "$INSTDIR" itself: a user may have chosen a folder
; that holds other files.
!macro RemoveProgramFiles
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\app"
  Delete "$INSTDIR\*.dll"
  Delete "$INSTDIR\*.pyd"
  Delete "$INSTDIR\python311.zip"
  Delete "$INSTDIR\python311._pth"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\liaison-desk.exe"
  Delete "$INSTDIR\liaison-desk-cli.exe"
  Delete "$INSTDIR\liaison-desk.ico"
!macroend

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "${APPNAME}" SecMain
  SetOutPath "$INSTDIR"
  ; a running copy holds python311.dll open: ask to close it (silent installs fail with exit code 2)
  IfFileExists "$INSTDIR\python311.dll" 0 not_running
  retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\python311.dll" a
    IfErrors 0 +3
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME}正在运行，请先关闭它再继续安装。" /SD IDCANCEL IDRETRY retry
      Abort "${APPNAME}正在运行，安装已取消。"
    FileClose $0
  not_running:
  !insertmacro RemoveProgramFiles
  File /r "${BUNDLE}\*"

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\liaison-desk.exe" "" "$INSTDIR\liaison-desk.exe" 0
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\liaison-desk.exe" "" "$INSTDIR\liaison-desk.exe" 0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${APPKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME} Liaison Desk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\liaison-desk.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Liaison Desk"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  !insertmacro RemoveProgramFiles
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"
  DetailPrint "数据文件夹已保留：$LOCALAPPDATA\${APPKEY}"
  MessageBox MB_OK|MB_ICONINFORMATION "${APPNAME}已卸载。$\r$\n$\r$\n您的数据仍保留在：$\r$\n$LOCALAPPDATA\${APPKEY}$\r$\n（含数据库、附件和备份）。重新安装后可继续使用；如确定不再需要，可手动删除该文件夹。" /SD IDOK
SectionEnd
