import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip the way KS's Java receivers do, with java.util.zip.ZipInputStream, which checks
 * every entry's CRC-32 and sizes and refuses a STORED entry followed by a data descriptor. Prints
 * one line per entry: name, method, size and SHA-256 (hex), tab-separated; fails on any error.
 */
public class ZipInputStreamCheck {
  public static void main(String[] args) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(new FileInputStream(args[0])))) {
      byte[] buffer = new byte[1 << 16];
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long size = 0;
        for (int n; (n = zip.read(buffer)) > 0; ) {
          sha256.update(buffer, 0, n);
          size += n;
        }
        String method = entry.getMethod() == ZipEntry.STORED ? "STORED" : "DEFLATED";
        System.out.println(
            entry.getName() + "\t" + method + "\t" + size + "\t" + HexFormat.of().formatHex(sha256.digest()));
      }
    }
  }
}
