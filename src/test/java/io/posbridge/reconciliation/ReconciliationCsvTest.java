package io.posbridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text cells and the choice of CSV, on their own. */
class ReconciliationCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1050|1050",
            "=1+1|'=1+1",
            "+27 11|'+27 11",
            "-5|'-5",
            "@SUM(A1)|'@SUM(A1)",
            "`\tx`|'\tx",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "=a,b|\"'=a,b\"",
            "a=b|a=b"})
    void aTextCellIsDefusedThenQuoted(String value, String cell) {
        assertThat(ReconciliationCsv.text(value)).isEqualTo(cell);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "text/csv|true",
            "text/csv; charset=utf-8|true",
            "application/json, text/csv|true",
            "application/json, text/csv;q=0.5|false",
            "text/csv;q=0.9, application/json;q=0.5|true",
            "*/*|false",
            "text/html,application/xhtml+xml,*/*;q=0.8|false",
            "application/json|false",
            "NULL|false",
            "not a media type;;|false"})
    void csvOnlyWhenAskedForAndNotLessWantedThanJson(String accept, boolean csv) {
        assertThat(ReconciliationController.wantsCsv(accept)).isEqualTo(csv);
    }
}
