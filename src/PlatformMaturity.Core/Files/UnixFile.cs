using System.Runtime.InteropServices;

namespace PlatformMaturity.Files;

/// <summary>What a path is, as stat(2) says: the BCL tells files from folders but not a FIFO or a device from a file.</summary>
public enum FileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, SymbolicLink, Other }

/// <summary>A path's kind, permission bits and owner.</summary>
public sealed record FileFacts(FileKind Kind, UnixFileMode Mode, uint Uid, uint Gid, long Size);

/// <summary>
/// stat(2), chown(2) and geteuid(2), which .NET does not expose. stat goes through the runtime's own
/// System.Native shim (the one FileInfo uses), whose struct is the same on every architecture, rather than
/// libc's, whose layout differs between x64 and arm64.
/// </summary>
public static class UnixFile
{
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>The path's facts, following symbolic links (a link to a regular file is a regular file).</summary>
    public static FileFacts Stat(string path)
    {
        if (!Supported)
            return Portable(path);
        var rc = Native.Stat(path, out var status);
        return Facts(rc, status);
    }

    /// <summary>The path's own facts: a symbolic link is reported as one.</summary>
    public static FileFacts LinkStat(string path)
    {
        if (!Supported)
            return Portable(path);
        var rc = Native.LStat(path, out var status);
        return Facts(rc, status);
    }

    /// <summary>Where there is no stat (Windows): files and folders only.</summary>
    private static FileFacts Portable(string path) =>
        File.Exists(path) ? new FileFacts(FileKind.Regular, 0, 0, 0, new FileInfo(path).Length)
        : Directory.Exists(path) ? new FileFacts(FileKind.Directory, 0, 0, 0, 0)
        : new FileFacts(FileKind.Missing, 0, 0, 0, 0);

    private static FileFacts Facts(int rc, Native.FileStatus status)
    {
        if (rc != 0)
            return new FileFacts(FileKind.Missing, 0, 0, 0, 0);
        var kind = (status.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return new FileFacts(kind, (UnixFileMode)(status.Mode & 0xFFF), status.Uid, status.Gid, status.Size);
    }

    /// <summary>Whether an open file is still the one at <paramref name="path"/> (not unlinked or replaced since it was opened).</summary>
    public static bool IsSameFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        if (!Supported)
            return true;
        return Native.FStat(handle, out var open) == 0 && Native.LStat(path, out var named) == 0 && open.Ino == named.Ino && open.Dev == named.Dev;
    }

    /// <summary>The effective user id (0 for root).</summary>
    public static uint EffectiveUserId => Supported ? Native.GetEuid() : 0;

    /// <summary>Sets a file's owner and group; false when the system refuses.</summary>
    public static bool TryChown(string path, uint uid, uint gid) => Supported && Native.Chown(path, uid, gid) == 0;

    /// <summary>
    /// Gives <paramref name="existing"/> the new name <paramref name="newPath"/> only if nothing has that name (link(2):
    /// atomic, so of two callers exactly one succeeds); false when the name is taken. File.Move without overwrite checks
    /// the name and then renames, so two processes can both "win". Other failures throw.
    /// </summary>
    public static bool TryLinkNew(string existing, string newPath)
    {
        if (!Supported)
        {
            try
            {
                File.Move(existing, newPath, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(newPath))
            {
                return false;
            }
        }
        if (Native.Link(existing, newPath) == 0)
        {
            File.Delete(existing);
            return true;
        }
        var error = Marshal.GetLastPInvokeError();
        if (error == EExist)
            return false;
        throw new IOException($"cannot create {newPath}: error {error.ToString(System.Globalization.CultureInfo.InvariantCulture)} from link(2)");
    }

    /// <summary>errno EEXIST (17 on Linux and macOS).</summary>
    private const int EExist = 17;

    /// <summary>How messages name a kind: "a FIFO (named pipe)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };

    private static class Native
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct FileStatus
        {
            public int Flags;
            public int Mode;
            public uint Uid;
            public uint Gid;
            public long Size;
            public long ATime, ATimeNsec, MTime, MTimeNsec, CTime, CTimeNsec, BirthTime, BirthTimeNsec, Dev, RDev, Ino;
            public uint UserFlags;
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        internal static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        internal static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
        internal static extern int FStat(SafeHandle fd, out FileStatus status);

        [DllImport("libc", EntryPoint = "geteuid")]
        internal static extern uint GetEuid();

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        internal static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

        [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
        internal static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);
    }
}
