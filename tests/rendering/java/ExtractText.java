// PDFBox (Debian libpdfbox2-java) as an independent reader: prints the text of page 1 of each PDF named on
// the command line, each followed by a line holding only U+001E. PDFBox logs font problems to stderr.
import java.io.File;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

public class ExtractText {
    public static void main(String[] args) throws Exception {
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, "UTF-8");
        for (String path : args) {
            try (PDDocument document = PDDocument.load(new File(path))) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(1);
                stripper.setEndPage(1);
                out.print(stripper.getText(document));
                out.print("\u001e\n");
            }
        }
    }
}
