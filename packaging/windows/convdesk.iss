; Inno Setup 6 script: wraps the one-folder build (packaging\dist\convdesk) in one installer .exe
; with a Start-menu entry, an optional desktop icon and the .convdesk file association.
; Build the one-folder app first (pyinstaller ... packaging\convdesk.spec), then from the repository
; root:  iscc /DAppVersion=0.1.0 packaging\windows\convdesk.iss
; It writes packaging\dist\convdesk-<version>-windows-x64-setup.exe. Paths are relative to this file.

#ifndef AppVersion
  #error Pass the version from convdesk/__init__.py: iscc /DAppVersion=X.Y.Z convdesk.iss
#endif
#define AppExe "convdesk.exe"
#define ProgId "convdesk.network"

[Setup]
; The AppId ties upgrades and the uninstaller to this program: never change it.
AppId={{2A9852A4-5BF1-4AD7-9D0A-85639592D5A6}
AppName=convdesk
AppVersion={#AppVersion}
AppPublisher=convdesk developers
DefaultDirName={autopf}\convdesk
DisableProgramGroupPage=yes
; Classroom machines are often managed: install for everyone, or for one user without admin rights.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=convdesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\convdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Tell Explorer to refresh file-type icons after installing and uninstalling.
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\convdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\convdesk"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\convdesk"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKLM for an all-users install and HKCU for a per-user one.
Root: HKA; Subkey: "Software\Classes\.convdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.convdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "convdesk network"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".convdesk"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,convdesk}"; Flags: nowait postinstall skipifsilent
