package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report folder rule: a report writes into a new, empty or own folder and never deletes what it did not write. */
class ReportFolderTest {
    @TempDir
    Path dir;

    private static final List<String> XOR_REPORT = List.of(".neurite-report", "index.html", "loss.png", "loss.svg");

    private static List<String> files(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private CliTest.Run xor(Path report) {
        return run("xor", "--iterations", "20", "--csv", dir.resolve("xor.csv").toString(), "--report", report.toString());
    }

    private static void assertRefused(CliTest.Run r, Path folder) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("neurite: --report " + folder + ": the folder "), r.err());
        assertTrue(r.err().contains("choose an empty or new folder"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aFolderWithOtherFilesIsRefusedBeforeTrainingAndKeepsEverything() throws IOException {
        Path results = Files.createDirectories(dir.resolve("myresults/sub"));
        Files.writeString(dir.resolve("myresults/notes.txt"), "my notes");
        Files.writeString(results.resolve("data.csv"), "a,b\n1,2\n");
        Path train = dir.resolve("train.csv"), model = dir.resolve("m.neurite");
        Files.writeString(train, "x,y\n0,a\n1,b\n0,a\n1,b\n");
        CliTest.Run r = run("train", "--train", train.toString(), "--hidden", "3", "--epochs", "1", "--out", model.toString(),
                "--report", dir.resolve("myresults").toString());
        assertRefused(r, dir.resolve("myresults"));
        assertTrue(r.err().contains("(notes.txt, sub)"), r.err());
        assertEquals("my notes", Files.readString(dir.resolve("myresults/notes.txt")));
        assertEquals("a,b\n1,2\n", Files.readString(results.resolve("data.csv")));
        assertFalse(Files.exists(model), "refused before training: no model written");
        assertEquals(List.of("myresults", "train.csv"), files(dir));
    }

    @Test
    void theWorkingFolderIsRefused() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "x,y\n0,a\n1,b\n");
        assertRefused(xor(dir), dir);
        assertEquals(List.of("train.csv"), files(dir));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.check(Path.of(".")));
        assertTrue(e.getMessage().startsWith("--report .: the folder holds files this report did not write"), e.getMessage());
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep");
        assertRefused(xor(file), file);
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void aNewOrEmptyFolderGetsTheReportAndItsMarker() throws IOException {
        Path fresh = dir.resolve("a/b/report"), empty = Files.createDirectories(dir.resolve("empty"));
        for (Path d : List.of(fresh, empty)) {
            assertEquals(0, xor(d).status());
            assertEquals(XOR_REPORT, files(d));
            assertEquals(List.of("# written by neurite: the files of this report; neurite replaces only these",
                    "index.html", "loss.png", "loss.svg"), Files.readAllLines(d.resolve(".neurite-report")));
        }
        Path probe = Files.createFile(dir.resolve("probe"));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(fresh.resolve("index.html")),
                "report files get the usual permissions");
    }

    @Test
    void aReportReplacesItsOwnFilesAndRefusesOnceSomeoneElsesFileIsAdded() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(0, xor(report).status());
        Files.writeString(report.resolve("old-figure.png"), "from an earlier report");
        Files.writeString(report.resolve(".neurite-report"), "# marker\nindex.html\nloss.png\nloss.svg\nold-figure.png\n");
        CliTest.Run again = xor(report);
        assertEquals(0, again.status(), again.err());
        assertEquals(XOR_REPORT, files(report), "the report's own file it no longer writes is removed");
        Files.writeString(report.resolve("notes.txt"), "mine");
        assertRefused(xor(report), report);
        assertEquals("mine", Files.readString(report.resolve("notes.txt")));
        assertEquals(List.of(".neurite-report", "index.html", "loss.png", "loss.svg", "notes.txt"), files(report));
    }

    @Test
    void aListedNameThatIsNowAFolderOrALinkIsNotTheReports() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(0, xor(report).status());
        Files.delete(report.resolve("loss.svg"));
        Files.createSymbolicLink(report.resolve("loss.svg"), dir.resolve("xor.csv"));
        assertRefused(xor(report), report);
        assertTrue(Files.isSymbolicLink(report.resolve("loss.svg")));
    }

    @Test
    void aReportOfAnEarlierVersionWithoutMarkerIsReplaced() throws IOException {
        Path report = Files.createDirectories(dir.resolve("neurite-report"));
        Files.writeString(report.resolve("index.html"), "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Neurite training report</title>");
        Files.writeString(report.resolve("accuracy.png"), "old");
        assertEquals(0, xor(report).status());
        assertEquals(XOR_REPORT, files(report));
        Path lookalike = Files.createDirectories(dir.resolve("lookalike"));
        Files.writeString(lookalike.resolve("index.html"), "<title>my page</title>");
        assertRefused(xor(lookalike), lookalike);
        assertEquals("<title>my page</title>", Files.readString(lookalike.resolve("index.html")));
    }

    @Test
    void aNewFolderIsRemovedWhenTheReportCannotBeWrittenAndAnOwnOneKeepsItsMarker() throws IOException {
        Path fresh = dir.resolve("fresh");
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("index.html", new byte[] {1});
        files.put("x".repeat(300) + ".png", new byte[] {2});   // longer than a file name may be
        assertThrows(IOException.class, () -> ReportFolder.write(fresh, files));
        assertEquals(List.of(), files(dir), "the folder the report created is gone");
        Path own = dir.resolve("own");
        assertEquals(0, xor(own).status());
        assertThrows(IOException.class, () -> ReportFolder.write(own, files));
        assertEquals(XOR_REPORT, files(own));
        assertTrue(Files.readAllLines(own.resolve(".neurite-report")).contains("loss.svg"), "still listed: still the report's");
        CliTest.Run again = xor(own);
        assertEquals(0, again.status(), again.err());
    }
}
