// The 212 constants PHP 8.2 defines in ext/sockets on Linux x86_64 with glibc, with the same names
// and values (generated from shared/reference/php82-constants.txt; a test checks the set).
namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>PHP constant <c>AF_UNIX</c> (Linux value 1).</summary>
    public const int AF_UNIX = 1;
    /// <summary>PHP constant <c>AF_INET</c> (Linux value 2).</summary>
    public const int AF_INET = 2;
    /// <summary>PHP constant <c>AF_INET6</c> (Linux value 10).</summary>
    public const int AF_INET6 = 10;
    /// <summary>PHP constant <c>SOCK_STREAM</c> (Linux value 1).</summary>
    public const int SOCK_STREAM = 1;
    /// <summary>PHP constant <c>SOCK_DGRAM</c> (Linux value 2).</summary>
    public const int SOCK_DGRAM = 2;
    /// <summary>PHP constant <c>SOCK_RAW</c> (Linux value 3).</summary>
    public const int SOCK_RAW = 3;
    /// <summary>PHP constant <c>SOCK_SEQPACKET</c> (Linux value 5).</summary>
    public const int SOCK_SEQPACKET = 5;
    /// <summary>PHP constant <c>SOCK_RDM</c> (Linux value 4).</summary>
    public const int SOCK_RDM = 4;
    /// <summary>PHP constant <c>MSG_OOB</c> (Linux value 1).</summary>
    public const int MSG_OOB = 1;
    /// <summary>PHP constant <c>MSG_WAITALL</c> (Linux value 256).</summary>
    public const int MSG_WAITALL = 256;
    /// <summary>PHP constant <c>MSG_CTRUNC</c> (Linux value 8).</summary>
    public const int MSG_CTRUNC = 8;
    /// <summary>PHP constant <c>MSG_TRUNC</c> (Linux value 32).</summary>
    public const int MSG_TRUNC = 32;
    /// <summary>PHP constant <c>MSG_PEEK</c> (Linux value 2).</summary>
    public const int MSG_PEEK = 2;
    /// <summary>PHP constant <c>MSG_DONTROUTE</c> (Linux value 4).</summary>
    public const int MSG_DONTROUTE = 4;
    /// <summary>PHP constant <c>MSG_EOR</c> (Linux value 128).</summary>
    public const int MSG_EOR = 128;
    /// <summary>PHP constant <c>MSG_EOF</c> (Linux value 512).</summary>
    public const int MSG_EOF = 512;
    /// <summary>PHP constant <c>MSG_CONFIRM</c> (Linux value 2048).</summary>
    public const int MSG_CONFIRM = 2048;
    /// <summary>PHP constant <c>MSG_ERRQUEUE</c> (Linux value 8192).</summary>
    public const int MSG_ERRQUEUE = 8192;
    /// <summary>PHP constant <c>MSG_NOSIGNAL</c> (Linux value 16384).</summary>
    public const int MSG_NOSIGNAL = 16384;
    /// <summary>PHP constant <c>MSG_DONTWAIT</c> (Linux value 64).</summary>
    public const int MSG_DONTWAIT = 64;
    /// <summary>PHP constant <c>MSG_MORE</c> (Linux value 32768).</summary>
    public const int MSG_MORE = 32768;
    /// <summary>PHP constant <c>MSG_WAITFORONE</c> (Linux value 65536).</summary>
    public const int MSG_WAITFORONE = 65536;
    /// <summary>PHP constant <c>MSG_CMSG_CLOEXEC</c> (Linux value 1073741824).</summary>
    public const int MSG_CMSG_CLOEXEC = 1073741824;
    /// <summary>PHP constant <c>MSG_ZEROCOPY</c> (Linux value 67108864).</summary>
    public const int MSG_ZEROCOPY = 67108864;
    /// <summary>PHP constant <c>SO_DEBUG</c> (Linux value 1).</summary>
    public const int SO_DEBUG = 1;
    /// <summary>PHP constant <c>SO_REUSEADDR</c> (Linux value 2).</summary>
    public const int SO_REUSEADDR = 2;
    /// <summary>PHP constant <c>SO_REUSEPORT</c> (Linux value 15).</summary>
    public const int SO_REUSEPORT = 15;
    /// <summary>PHP constant <c>SO_KEEPALIVE</c> (Linux value 9).</summary>
    public const int SO_KEEPALIVE = 9;
    /// <summary>PHP constant <c>SO_DONTROUTE</c> (Linux value 5).</summary>
    public const int SO_DONTROUTE = 5;
    /// <summary>PHP constant <c>SO_LINGER</c> (Linux value 13).</summary>
    public const int SO_LINGER = 13;
    /// <summary>PHP constant <c>SO_BROADCAST</c> (Linux value 6).</summary>
    public const int SO_BROADCAST = 6;
    /// <summary>PHP constant <c>SO_OOBINLINE</c> (Linux value 10).</summary>
    public const int SO_OOBINLINE = 10;
    /// <summary>PHP constant <c>SO_SNDBUF</c> (Linux value 7).</summary>
    public const int SO_SNDBUF = 7;
    /// <summary>PHP constant <c>SO_RCVBUF</c> (Linux value 8).</summary>
    public const int SO_RCVBUF = 8;
    /// <summary>PHP constant <c>SO_SNDLOWAT</c> (Linux value 19).</summary>
    public const int SO_SNDLOWAT = 19;
    /// <summary>PHP constant <c>SO_RCVLOWAT</c> (Linux value 18).</summary>
    public const int SO_RCVLOWAT = 18;
    /// <summary>PHP constant <c>SO_SNDTIMEO</c> (Linux value 21).</summary>
    public const int SO_SNDTIMEO = 21;
    /// <summary>PHP constant <c>SO_RCVTIMEO</c> (Linux value 20).</summary>
    public const int SO_RCVTIMEO = 20;
    /// <summary>PHP constant <c>SO_TYPE</c> (Linux value 3).</summary>
    public const int SO_TYPE = 3;
    /// <summary>PHP constant <c>SO_ERROR</c> (Linux value 4).</summary>
    public const int SO_ERROR = 4;
    /// <summary>PHP constant <c>SO_BINDTODEVICE</c> (Linux value 25).</summary>
    public const int SO_BINDTODEVICE = 25;
    /// <summary>PHP constant <c>SOL_SOCKET</c> (Linux value 1).</summary>
    public const int SOL_SOCKET = 1;
    /// <summary>PHP constant <c>SOMAXCONN</c> (Linux value 4096).</summary>
    public const int SOMAXCONN = 4096;
    /// <summary>PHP constant <c>SO_MARK</c> (Linux value 36).</summary>
    public const int SO_MARK = 36;
    /// <summary>PHP constant <c>SO_INCOMING_CPU</c> (Linux value 49).</summary>
    public const int SO_INCOMING_CPU = 49;
    /// <summary>PHP constant <c>SO_MEMINFO</c> (Linux value 55).</summary>
    public const int SO_MEMINFO = 55;
    /// <summary>PHP constant <c>SO_BPF_EXTENSIONS</c> (Linux value 48).</summary>
    public const int SO_BPF_EXTENSIONS = 48;
    /// <summary>PHP constant <c>SKF_AD_OFF</c> (Linux value -4096).</summary>
    public const int SKF_AD_OFF = -4096;
    /// <summary>PHP constant <c>SKF_AD_PROTOCOL</c> (Linux value 0).</summary>
    public const int SKF_AD_PROTOCOL = 0;
    /// <summary>PHP constant <c>SKF_AD_PKTTYPE</c> (Linux value 4).</summary>
    public const int SKF_AD_PKTTYPE = 4;
    /// <summary>PHP constant <c>SKF_AD_IFINDEX</c> (Linux value 8).</summary>
    public const int SKF_AD_IFINDEX = 8;
    /// <summary>PHP constant <c>SKF_AD_NLATTR</c> (Linux value 12).</summary>
    public const int SKF_AD_NLATTR = 12;
    /// <summary>PHP constant <c>SKF_AD_NLATTR_NEST</c> (Linux value 16).</summary>
    public const int SKF_AD_NLATTR_NEST = 16;
    /// <summary>PHP constant <c>SKF_AD_MARK</c> (Linux value 20).</summary>
    public const int SKF_AD_MARK = 20;
    /// <summary>PHP constant <c>SKF_AD_QUEUE</c> (Linux value 24).</summary>
    public const int SKF_AD_QUEUE = 24;
    /// <summary>PHP constant <c>SKF_AD_HATYPE</c> (Linux value 28).</summary>
    public const int SKF_AD_HATYPE = 28;
    /// <summary>PHP constant <c>SKF_AD_RXHASH</c> (Linux value 32).</summary>
    public const int SKF_AD_RXHASH = 32;
    /// <summary>PHP constant <c>SKF_AD_CPU</c> (Linux value 36).</summary>
    public const int SKF_AD_CPU = 36;
    /// <summary>PHP constant <c>SKF_AD_ALU_XOR_X</c> (Linux value 40).</summary>
    public const int SKF_AD_ALU_XOR_X = 40;
    /// <summary>PHP constant <c>SKF_AD_VLAN_TAG</c> (Linux value 44).</summary>
    public const int SKF_AD_VLAN_TAG = 44;
    /// <summary>PHP constant <c>SKF_AD_VLAN_TAG_PRESENT</c> (Linux value 48).</summary>
    public const int SKF_AD_VLAN_TAG_PRESENT = 48;
    /// <summary>PHP constant <c>SKF_AD_PAY_OFFSET</c> (Linux value 52).</summary>
    public const int SKF_AD_PAY_OFFSET = 52;
    /// <summary>PHP constant <c>SKF_AD_RANDOM</c> (Linux value 56).</summary>
    public const int SKF_AD_RANDOM = 56;
    /// <summary>PHP constant <c>SKF_AD_VLAN_TPID</c> (Linux value 60).</summary>
    public const int SKF_AD_VLAN_TPID = 60;
    /// <summary>PHP constant <c>SKF_AD_MAX</c> (Linux value 64).</summary>
    public const int SKF_AD_MAX = 64;
    /// <summary>PHP constant <c>TCP_CONGESTION</c> (Linux value 13).</summary>
    public const int TCP_CONGESTION = 13;
    /// <summary>PHP constant <c>SO_ZEROCOPY</c> (Linux value 60).</summary>
    public const int SO_ZEROCOPY = 60;
    /// <summary>PHP constant <c>TCP_NODELAY</c> (Linux value 1).</summary>
    public const int TCP_NODELAY = 1;
    /// <summary>PHP constant <c>TCP_NOTSENT_LOWAT</c> (Linux value 25).</summary>
    public const int TCP_NOTSENT_LOWAT = 25;
    /// <summary>PHP constant <c>TCP_DEFER_ACCEPT</c> (Linux value 9).</summary>
    public const int TCP_DEFER_ACCEPT = 9;
    /// <summary>PHP constant <c>TCP_KEEPIDLE</c> (Linux value 4).</summary>
    public const int TCP_KEEPIDLE = 4;
    /// <summary>PHP constant <c>TCP_KEEPINTVL</c> (Linux value 5).</summary>
    public const int TCP_KEEPINTVL = 5;
    /// <summary>PHP constant <c>TCP_KEEPCNT</c> (Linux value 6).</summary>
    public const int TCP_KEEPCNT = 6;
    /// <summary>PHP constant <c>PHP_NORMAL_READ</c> (Linux value 1).</summary>
    public const int PHP_NORMAL_READ = 1;
    /// <summary>PHP constant <c>PHP_BINARY_READ</c> (Linux value 2).</summary>
    public const int PHP_BINARY_READ = 2;
    /// <summary>PHP constant <c>MCAST_JOIN_GROUP</c> (Linux value 42).</summary>
    public const int MCAST_JOIN_GROUP = 42;
    /// <summary>PHP constant <c>MCAST_LEAVE_GROUP</c> (Linux value 45).</summary>
    public const int MCAST_LEAVE_GROUP = 45;
    /// <summary>PHP constant <c>MCAST_BLOCK_SOURCE</c> (Linux value 43).</summary>
    public const int MCAST_BLOCK_SOURCE = 43;
    /// <summary>PHP constant <c>MCAST_UNBLOCK_SOURCE</c> (Linux value 44).</summary>
    public const int MCAST_UNBLOCK_SOURCE = 44;
    /// <summary>PHP constant <c>MCAST_JOIN_SOURCE_GROUP</c> (Linux value 46).</summary>
    public const int MCAST_JOIN_SOURCE_GROUP = 46;
    /// <summary>PHP constant <c>MCAST_LEAVE_SOURCE_GROUP</c> (Linux value 47).</summary>
    public const int MCAST_LEAVE_SOURCE_GROUP = 47;
    /// <summary>PHP constant <c>IP_MULTICAST_IF</c> (Linux value 32).</summary>
    public const int IP_MULTICAST_IF = 32;
    /// <summary>PHP constant <c>IP_MULTICAST_TTL</c> (Linux value 33).</summary>
    public const int IP_MULTICAST_TTL = 33;
    /// <summary>PHP constant <c>IP_MULTICAST_LOOP</c> (Linux value 34).</summary>
    public const int IP_MULTICAST_LOOP = 34;
    /// <summary>PHP constant <c>IPV6_MULTICAST_IF</c> (Linux value 17).</summary>
    public const int IPV6_MULTICAST_IF = 17;
    /// <summary>PHP constant <c>IPV6_MULTICAST_HOPS</c> (Linux value 18).</summary>
    public const int IPV6_MULTICAST_HOPS = 18;
    /// <summary>PHP constant <c>IPV6_MULTICAST_LOOP</c> (Linux value 19).</summary>
    public const int IPV6_MULTICAST_LOOP = 19;
    /// <summary>PHP constant <c>IPV6_V6ONLY</c> (Linux value 26).</summary>
    public const int IPV6_V6ONLY = 26;
    /// <summary>PHP constant <c>SOCKET_EPERM</c> (Linux value 1).</summary>
    public const int SOCKET_EPERM = 1;
    /// <summary>PHP constant <c>SOCKET_ENOENT</c> (Linux value 2).</summary>
    public const int SOCKET_ENOENT = 2;
    /// <summary>PHP constant <c>SOCKET_EINTR</c> (Linux value 4).</summary>
    public const int SOCKET_EINTR = 4;
    /// <summary>PHP constant <c>SOCKET_EIO</c> (Linux value 5).</summary>
    public const int SOCKET_EIO = 5;
    /// <summary>PHP constant <c>SOCKET_ENXIO</c> (Linux value 6).</summary>
    public const int SOCKET_ENXIO = 6;
    /// <summary>PHP constant <c>SOCKET_E2BIG</c> (Linux value 7).</summary>
    public const int SOCKET_E2BIG = 7;
    /// <summary>PHP constant <c>SOCKET_EBADF</c> (Linux value 9).</summary>
    public const int SOCKET_EBADF = 9;
    /// <summary>PHP constant <c>SOCKET_EAGAIN</c> (Linux value 11).</summary>
    public const int SOCKET_EAGAIN = 11;
    /// <summary>PHP constant <c>SOCKET_ENOMEM</c> (Linux value 12).</summary>
    public const int SOCKET_ENOMEM = 12;
    /// <summary>PHP constant <c>SOCKET_EACCES</c> (Linux value 13).</summary>
    public const int SOCKET_EACCES = 13;
    /// <summary>PHP constant <c>SOCKET_EFAULT</c> (Linux value 14).</summary>
    public const int SOCKET_EFAULT = 14;
    /// <summary>PHP constant <c>SOCKET_ENOTBLK</c> (Linux value 15).</summary>
    public const int SOCKET_ENOTBLK = 15;
    /// <summary>PHP constant <c>SOCKET_EBUSY</c> (Linux value 16).</summary>
    public const int SOCKET_EBUSY = 16;
    /// <summary>PHP constant <c>SOCKET_EEXIST</c> (Linux value 17).</summary>
    public const int SOCKET_EEXIST = 17;
    /// <summary>PHP constant <c>SOCKET_EXDEV</c> (Linux value 18).</summary>
    public const int SOCKET_EXDEV = 18;
    /// <summary>PHP constant <c>SOCKET_ENODEV</c> (Linux value 19).</summary>
    public const int SOCKET_ENODEV = 19;
    /// <summary>PHP constant <c>SOCKET_ENOTDIR</c> (Linux value 20).</summary>
    public const int SOCKET_ENOTDIR = 20;
    /// <summary>PHP constant <c>SOCKET_EISDIR</c> (Linux value 21).</summary>
    public const int SOCKET_EISDIR = 21;
    /// <summary>PHP constant <c>SOCKET_EINVAL</c> (Linux value 22).</summary>
    public const int SOCKET_EINVAL = 22;
    /// <summary>PHP constant <c>SOCKET_ENFILE</c> (Linux value 23).</summary>
    public const int SOCKET_ENFILE = 23;
    /// <summary>PHP constant <c>SOCKET_EMFILE</c> (Linux value 24).</summary>
    public const int SOCKET_EMFILE = 24;
    /// <summary>PHP constant <c>SOCKET_ENOTTY</c> (Linux value 25).</summary>
    public const int SOCKET_ENOTTY = 25;
    /// <summary>PHP constant <c>SOCKET_ENOSPC</c> (Linux value 28).</summary>
    public const int SOCKET_ENOSPC = 28;
    /// <summary>PHP constant <c>SOCKET_ESPIPE</c> (Linux value 29).</summary>
    public const int SOCKET_ESPIPE = 29;
    /// <summary>PHP constant <c>SOCKET_EROFS</c> (Linux value 30).</summary>
    public const int SOCKET_EROFS = 30;
    /// <summary>PHP constant <c>SOCKET_EMLINK</c> (Linux value 31).</summary>
    public const int SOCKET_EMLINK = 31;
    /// <summary>PHP constant <c>SOCKET_EPIPE</c> (Linux value 32).</summary>
    public const int SOCKET_EPIPE = 32;
    /// <summary>PHP constant <c>SOCKET_ENAMETOOLONG</c> (Linux value 36).</summary>
    public const int SOCKET_ENAMETOOLONG = 36;
    /// <summary>PHP constant <c>SOCKET_ENOLCK</c> (Linux value 37).</summary>
    public const int SOCKET_ENOLCK = 37;
    /// <summary>PHP constant <c>SOCKET_ENOSYS</c> (Linux value 38).</summary>
    public const int SOCKET_ENOSYS = 38;
    /// <summary>PHP constant <c>SOCKET_ENOTEMPTY</c> (Linux value 39).</summary>
    public const int SOCKET_ENOTEMPTY = 39;
    /// <summary>PHP constant <c>SOCKET_ELOOP</c> (Linux value 40).</summary>
    public const int SOCKET_ELOOP = 40;
    /// <summary>PHP constant <c>SOCKET_EWOULDBLOCK</c> (Linux value 11).</summary>
    public const int SOCKET_EWOULDBLOCK = 11;
    /// <summary>PHP constant <c>SOCKET_ENOMSG</c> (Linux value 42).</summary>
    public const int SOCKET_ENOMSG = 42;
    /// <summary>PHP constant <c>SOCKET_EIDRM</c> (Linux value 43).</summary>
    public const int SOCKET_EIDRM = 43;
    /// <summary>PHP constant <c>SOCKET_ECHRNG</c> (Linux value 44).</summary>
    public const int SOCKET_ECHRNG = 44;
    /// <summary>PHP constant <c>SOCKET_EL2NSYNC</c> (Linux value 45).</summary>
    public const int SOCKET_EL2NSYNC = 45;
    /// <summary>PHP constant <c>SOCKET_EL3HLT</c> (Linux value 46).</summary>
    public const int SOCKET_EL3HLT = 46;
    /// <summary>PHP constant <c>SOCKET_EL3RST</c> (Linux value 47).</summary>
    public const int SOCKET_EL3RST = 47;
    /// <summary>PHP constant <c>SOCKET_ELNRNG</c> (Linux value 48).</summary>
    public const int SOCKET_ELNRNG = 48;
    /// <summary>PHP constant <c>SOCKET_EUNATCH</c> (Linux value 49).</summary>
    public const int SOCKET_EUNATCH = 49;
    /// <summary>PHP constant <c>SOCKET_ENOCSI</c> (Linux value 50).</summary>
    public const int SOCKET_ENOCSI = 50;
    /// <summary>PHP constant <c>SOCKET_EL2HLT</c> (Linux value 51).</summary>
    public const int SOCKET_EL2HLT = 51;
    /// <summary>PHP constant <c>SOCKET_EBADE</c> (Linux value 52).</summary>
    public const int SOCKET_EBADE = 52;
    /// <summary>PHP constant <c>SOCKET_EBADR</c> (Linux value 53).</summary>
    public const int SOCKET_EBADR = 53;
    /// <summary>PHP constant <c>SOCKET_EXFULL</c> (Linux value 54).</summary>
    public const int SOCKET_EXFULL = 54;
    /// <summary>PHP constant <c>SOCKET_ENOANO</c> (Linux value 55).</summary>
    public const int SOCKET_ENOANO = 55;
    /// <summary>PHP constant <c>SOCKET_EBADRQC</c> (Linux value 56).</summary>
    public const int SOCKET_EBADRQC = 56;
    /// <summary>PHP constant <c>SOCKET_EBADSLT</c> (Linux value 57).</summary>
    public const int SOCKET_EBADSLT = 57;
    /// <summary>PHP constant <c>SOCKET_ENOSTR</c> (Linux value 60).</summary>
    public const int SOCKET_ENOSTR = 60;
    /// <summary>PHP constant <c>SOCKET_ENODATA</c> (Linux value 61).</summary>
    public const int SOCKET_ENODATA = 61;
    /// <summary>PHP constant <c>SOCKET_ETIME</c> (Linux value 62).</summary>
    public const int SOCKET_ETIME = 62;
    /// <summary>PHP constant <c>SOCKET_ENOSR</c> (Linux value 63).</summary>
    public const int SOCKET_ENOSR = 63;
    /// <summary>PHP constant <c>SOCKET_ENONET</c> (Linux value 64).</summary>
    public const int SOCKET_ENONET = 64;
    /// <summary>PHP constant <c>SOCKET_EREMOTE</c> (Linux value 66).</summary>
    public const int SOCKET_EREMOTE = 66;
    /// <summary>PHP constant <c>SOCKET_ENOLINK</c> (Linux value 67).</summary>
    public const int SOCKET_ENOLINK = 67;
    /// <summary>PHP constant <c>SOCKET_EADV</c> (Linux value 68).</summary>
    public const int SOCKET_EADV = 68;
    /// <summary>PHP constant <c>SOCKET_ESRMNT</c> (Linux value 69).</summary>
    public const int SOCKET_ESRMNT = 69;
    /// <summary>PHP constant <c>SOCKET_ECOMM</c> (Linux value 70).</summary>
    public const int SOCKET_ECOMM = 70;
    /// <summary>PHP constant <c>SOCKET_EPROTO</c> (Linux value 71).</summary>
    public const int SOCKET_EPROTO = 71;
    /// <summary>PHP constant <c>SOCKET_EMULTIHOP</c> (Linux value 72).</summary>
    public const int SOCKET_EMULTIHOP = 72;
    /// <summary>PHP constant <c>SOCKET_EBADMSG</c> (Linux value 74).</summary>
    public const int SOCKET_EBADMSG = 74;
    /// <summary>PHP constant <c>SOCKET_ENOTUNIQ</c> (Linux value 76).</summary>
    public const int SOCKET_ENOTUNIQ = 76;
    /// <summary>PHP constant <c>SOCKET_EBADFD</c> (Linux value 77).</summary>
    public const int SOCKET_EBADFD = 77;
    /// <summary>PHP constant <c>SOCKET_EREMCHG</c> (Linux value 78).</summary>
    public const int SOCKET_EREMCHG = 78;
    /// <summary>PHP constant <c>SOCKET_ERESTART</c> (Linux value 85).</summary>
    public const int SOCKET_ERESTART = 85;
    /// <summary>PHP constant <c>SOCKET_ESTRPIPE</c> (Linux value 86).</summary>
    public const int SOCKET_ESTRPIPE = 86;
    /// <summary>PHP constant <c>SOCKET_EUSERS</c> (Linux value 87).</summary>
    public const int SOCKET_EUSERS = 87;
    /// <summary>PHP constant <c>SOCKET_ENOTSOCK</c> (Linux value 88).</summary>
    public const int SOCKET_ENOTSOCK = 88;
    /// <summary>PHP constant <c>SOCKET_EDESTADDRREQ</c> (Linux value 89).</summary>
    public const int SOCKET_EDESTADDRREQ = 89;
    /// <summary>PHP constant <c>SOCKET_EMSGSIZE</c> (Linux value 90).</summary>
    public const int SOCKET_EMSGSIZE = 90;
    /// <summary>PHP constant <c>SOCKET_EPROTOTYPE</c> (Linux value 91).</summary>
    public const int SOCKET_EPROTOTYPE = 91;
    /// <summary>PHP constant <c>SOCKET_ENOPROTOOPT</c> (Linux value 92).</summary>
    public const int SOCKET_ENOPROTOOPT = 92;
    /// <summary>PHP constant <c>SOCKET_EPROTONOSUPPORT</c> (Linux value 93).</summary>
    public const int SOCKET_EPROTONOSUPPORT = 93;
    /// <summary>PHP constant <c>SOCKET_ESOCKTNOSUPPORT</c> (Linux value 94).</summary>
    public const int SOCKET_ESOCKTNOSUPPORT = 94;
    /// <summary>PHP constant <c>SOCKET_EOPNOTSUPP</c> (Linux value 95).</summary>
    public const int SOCKET_EOPNOTSUPP = 95;
    /// <summary>PHP constant <c>SOCKET_EPFNOSUPPORT</c> (Linux value 96).</summary>
    public const int SOCKET_EPFNOSUPPORT = 96;
    /// <summary>PHP constant <c>SOCKET_EAFNOSUPPORT</c> (Linux value 97).</summary>
    public const int SOCKET_EAFNOSUPPORT = 97;
    /// <summary>PHP constant <c>SOCKET_EADDRINUSE</c> (Linux value 98).</summary>
    public const int SOCKET_EADDRINUSE = 98;
    /// <summary>PHP constant <c>SOCKET_EADDRNOTAVAIL</c> (Linux value 99).</summary>
    public const int SOCKET_EADDRNOTAVAIL = 99;
    /// <summary>PHP constant <c>SOCKET_ENETDOWN</c> (Linux value 100).</summary>
    public const int SOCKET_ENETDOWN = 100;
    /// <summary>PHP constant <c>SOCKET_ENETUNREACH</c> (Linux value 101).</summary>
    public const int SOCKET_ENETUNREACH = 101;
    /// <summary>PHP constant <c>SOCKET_ENETRESET</c> (Linux value 102).</summary>
    public const int SOCKET_ENETRESET = 102;
    /// <summary>PHP constant <c>SOCKET_ECONNABORTED</c> (Linux value 103).</summary>
    public const int SOCKET_ECONNABORTED = 103;
    /// <summary>PHP constant <c>SOCKET_ECONNRESET</c> (Linux value 104).</summary>
    public const int SOCKET_ECONNRESET = 104;
    /// <summary>PHP constant <c>SOCKET_ENOBUFS</c> (Linux value 105).</summary>
    public const int SOCKET_ENOBUFS = 105;
    /// <summary>PHP constant <c>SOCKET_EISCONN</c> (Linux value 106).</summary>
    public const int SOCKET_EISCONN = 106;
    /// <summary>PHP constant <c>SOCKET_ENOTCONN</c> (Linux value 107).</summary>
    public const int SOCKET_ENOTCONN = 107;
    /// <summary>PHP constant <c>SOCKET_ESHUTDOWN</c> (Linux value 108).</summary>
    public const int SOCKET_ESHUTDOWN = 108;
    /// <summary>PHP constant <c>SOCKET_ETOOMANYREFS</c> (Linux value 109).</summary>
    public const int SOCKET_ETOOMANYREFS = 109;
    /// <summary>PHP constant <c>SOCKET_ETIMEDOUT</c> (Linux value 110).</summary>
    public const int SOCKET_ETIMEDOUT = 110;
    /// <summary>PHP constant <c>SOCKET_ECONNREFUSED</c> (Linux value 111).</summary>
    public const int SOCKET_ECONNREFUSED = 111;
    /// <summary>PHP constant <c>SOCKET_EHOSTDOWN</c> (Linux value 112).</summary>
    public const int SOCKET_EHOSTDOWN = 112;
    /// <summary>PHP constant <c>SOCKET_EHOSTUNREACH</c> (Linux value 113).</summary>
    public const int SOCKET_EHOSTUNREACH = 113;
    /// <summary>PHP constant <c>SOCKET_EALREADY</c> (Linux value 114).</summary>
    public const int SOCKET_EALREADY = 114;
    /// <summary>PHP constant <c>SOCKET_EINPROGRESS</c> (Linux value 115).</summary>
    public const int SOCKET_EINPROGRESS = 115;
    /// <summary>PHP constant <c>SOCKET_EISNAM</c> (Linux value 120).</summary>
    public const int SOCKET_EISNAM = 120;
    /// <summary>PHP constant <c>SOCKET_EREMOTEIO</c> (Linux value 121).</summary>
    public const int SOCKET_EREMOTEIO = 121;
    /// <summary>PHP constant <c>SOCKET_EDQUOT</c> (Linux value 122).</summary>
    public const int SOCKET_EDQUOT = 122;
    /// <summary>PHP constant <c>SOCKET_ENOMEDIUM</c> (Linux value 123).</summary>
    public const int SOCKET_ENOMEDIUM = 123;
    /// <summary>PHP constant <c>SOCKET_EMEDIUMTYPE</c> (Linux value 124).</summary>
    public const int SOCKET_EMEDIUMTYPE = 124;
    /// <summary>PHP constant <c>IPPROTO_IP</c> (Linux value 0).</summary>
    public const int IPPROTO_IP = 0;
    /// <summary>PHP constant <c>IPPROTO_IPV6</c> (Linux value 41).</summary>
    public const int IPPROTO_IPV6 = 41;
    /// <summary>PHP constant <c>SOL_TCP</c> (Linux value 6).</summary>
    public const int SOL_TCP = 6;
    /// <summary>PHP constant <c>SOL_UDP</c> (Linux value 17).</summary>
    public const int SOL_UDP = 17;
    /// <summary>PHP constant <c>IPV6_UNICAST_HOPS</c> (Linux value 16).</summary>
    public const int IPV6_UNICAST_HOPS = 16;
    /// <summary>PHP constant <c>AI_PASSIVE</c> (Linux value 1).</summary>
    public const int AI_PASSIVE = 1;
    /// <summary>PHP constant <c>AI_CANONNAME</c> (Linux value 2).</summary>
    public const int AI_CANONNAME = 2;
    /// <summary>PHP constant <c>AI_NUMERICHOST</c> (Linux value 4).</summary>
    public const int AI_NUMERICHOST = 4;
    /// <summary>PHP constant <c>AI_V4MAPPED</c> (Linux value 8).</summary>
    public const int AI_V4MAPPED = 8;
    /// <summary>PHP constant <c>AI_ALL</c> (Linux value 16).</summary>
    public const int AI_ALL = 16;
    /// <summary>PHP constant <c>AI_ADDRCONFIG</c> (Linux value 32).</summary>
    public const int AI_ADDRCONFIG = 32;
    /// <summary>PHP constant <c>AI_IDN</c> (Linux value 64).</summary>
    public const int AI_IDN = 64;
    /// <summary>PHP constant <c>AI_CANONIDN</c> (Linux value 128).</summary>
    public const int AI_CANONIDN = 128;
    /// <summary>PHP constant <c>AI_NUMERICSERV</c> (Linux value 1024).</summary>
    public const int AI_NUMERICSERV = 1024;
    /// <summary>PHP constant <c>IPV6_RECVPKTINFO</c> (Linux value 49).</summary>
    public const int IPV6_RECVPKTINFO = 49;
    /// <summary>PHP constant <c>IPV6_PKTINFO</c> (Linux value 50).</summary>
    public const int IPV6_PKTINFO = 50;
    /// <summary>PHP constant <c>IPV6_RECVHOPLIMIT</c> (Linux value 51).</summary>
    public const int IPV6_RECVHOPLIMIT = 51;
    /// <summary>PHP constant <c>IPV6_HOPLIMIT</c> (Linux value 52).</summary>
    public const int IPV6_HOPLIMIT = 52;
    /// <summary>PHP constant <c>IPV6_RECVTCLASS</c> (Linux value 66).</summary>
    public const int IPV6_RECVTCLASS = 66;
    /// <summary>PHP constant <c>IPV6_TCLASS</c> (Linux value 67).</summary>
    public const int IPV6_TCLASS = 67;
    /// <summary>PHP constant <c>SCM_RIGHTS</c> (Linux value 1).</summary>
    public const int SCM_RIGHTS = 1;
    /// <summary>PHP constant <c>SCM_CREDENTIALS</c> (Linux value 2).</summary>
    public const int SCM_CREDENTIALS = 2;
    /// <summary>PHP constant <c>SO_PASSCRED</c> (Linux value 16).</summary>
    public const int SO_PASSCRED = 16;
}
