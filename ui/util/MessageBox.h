#pragma once

#include <QMessageBox>
#include <QString>

namespace gdbm::ui {

// Every message box of the app goes through here, so that tests never block: in test mode no
// dialog is shown, the next answer set by the test is returned (or the default button), and
// the text is remembered for the test to check.
class MessageBox
{
public:
    static QMessageBox::StandardButton critical(QWidget* parent, const QString& title, const QString& text);
    static QMessageBox::StandardButton warning(QWidget* parent, const QString& title, const QString& text);
    static QMessageBox::StandardButton information(QWidget* parent, const QString& title,
                                                   const QString& text);
    // Returns the button chosen among `buttons`; defaultButton on Escape.
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);

    // Test seams.
    static void setTestMode(bool on);
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // The answers of the next questions, in order (a close that asks twice).
    static void setNextAnswers(const QList<QMessageBox::StandardButton>& answers);
    static QString lastText();
    static QString lastTitle();
    static int shownCount();

private:
    static QMessageBox::StandardButton show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                            const QString& text, QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton);
};

} // namespace gdbm::ui
